#include "core/monitor/rulesfile.h"

#include "core/monitor/duration.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QSet>

#include <cmath>

namespace fleetscope {

QString RuleError::message() const
{
    if (index < 0)
        return key.isEmpty() ? why : QStringLiteral("key \"%1\": %2").arg(key, why);
    const QString where = QStringLiteral("rules[%1]").arg(index);
    return key.isEmpty() ? QStringLiteral("%1: %2").arg(where, why)
                         : QStringLiteral("%1, key \"%2\": %3").arg(where, key, why);
}

namespace RulesFile {

namespace {

const QStringList kConditionKeys = {QStringLiteral("above"), QStringLiteral("below"), QStringLiteral("outside"),
    QStringLiteral("silentFor"), QStringLiteral("offlineFor"), QStringLiteral("endpointDownFor"),
    QStringLiteral("event")};
const QStringList kOtherKeys = {QStringLiteral("name"), QStringLiteral("description"), QStringLiteral("endpoint"),
    QStringLiteral("path"), QStringLiteral("clear"), QStringLiteral("for"), QStringLiteral("severity"),
    QStringLiteral("clearAfter")};

// Reads and checks rules one key at a time; the first mistake stops it.
class RuleReader
{
public:
    RuleReader(const QJsonObject &object, int index, RuleError *error)
        : m_object(object)
        , m_index(index)
        , m_error(error)
    { }

    bool fail(const QString &key, const QString &why)
    {
        *m_error = RuleError {m_index, key, why};
        return false;
    }

    bool number(const QString &key, double *out)
    {
        const QJsonValue value = m_object.value(key);
        if (!value.isDouble() || !std::isfinite(value.toDouble()))
            return fail(key, QStringLiteral("must be a number"));
        *out = value.toDouble();
        return true;
    }

    bool range(const QString &key, double *low, double *high)
    {
        const QJsonArray pair = m_object.value(key).toArray();
        if (!m_object.value(key).isArray() || pair.size() != 2 || !pair[0].isDouble() || !pair[1].isDouble()
            || !std::isfinite(pair[0].toDouble()) || !std::isfinite(pair[1].toDouble()))
            return fail(key, QStringLiteral("must be [low, high], two numbers"));
        *low = pair[0].toDouble();
        *high = pair[1].toDouble();
        if (*low > *high)
            return fail(key, QStringLiteral("low (%1) is above high (%2)").arg(*low).arg(*high));
        return true;
    }

    bool duration(const QString &key, qint64 *ms, bool positive)
    {
        QString why;
        if (!Duration::parse(m_object.value(key), ms, &why))
            return fail(key, why);
        if (positive && *ms <= 0)
            return fail(key, QStringLiteral("must be longer than 0"));
        return true;
    }

    bool glob(const QString &key, PathGlob *out)
    {
        const QJsonValue value = m_object.value(key);
        QString why;
        if (!value.isString())
            return fail(key, QStringLiteral("must be a string (a glob: '*' within a segment, '**' across)"));
        if (!PathGlob::compile(value.toString(), out, &why))
            return fail(key, why);
        return true;
    }

    bool read(AlertRule *rule);

private:
    bool readCondition(AlertRule *rule, const QString &key);
    bool readClear(AlertRule *rule);
    bool readEvent(AlertRule *rule);

    const QJsonObject &m_object;
    int m_index;
    RuleError *m_error;
};

bool RuleReader::read(AlertRule *rule)
{
    for (auto it = m_object.begin(); it != m_object.end(); ++it) {
        if (!kConditionKeys.contains(it.key()) && !kOtherKeys.contains(it.key()))
            return fail(it.key(),
                QStringLiteral("unknown key (expected one of %1)")
                    .arg((QStringList(kOtherKeys) << kConditionKeys).join(QStringLiteral(", "))));
    }
    const QJsonValue name = m_object.value(QLatin1String("name"));
    if (!name.isString() || name.toString().trimmed().isEmpty())
        return fail(QStringLiteral("name"), QStringLiteral("is required: a non-empty string"));
    rule->name = name.toString().trimmed();
    if (m_object.contains(QLatin1String("description"))) {
        if (!m_object.value(QLatin1String("description")).isString())
            return fail(QStringLiteral("description"), QStringLiteral("must be a string"));
        rule->description = m_object.value(QLatin1String("description")).toString();
    }

    QStringList conditions;
    for (const QString &key : kConditionKeys) {
        if (m_object.contains(key))
            conditions << key;
    }
    if (conditions.isEmpty())
        return fail(QString(),
            QStringLiteral("has no condition: give exactly one of %1").arg(kConditionKeys.join(QStringLiteral(", "))));
    if (conditions.size() > 1)
        return fail(conditions[1],
            QStringLiteral("a rule has exactly one condition; this one already has \"%1\"").arg(conditions[0]));
    if (!readCondition(rule, conditions[0]))
        return false;

    if (m_object.contains(QLatin1String("endpoint"))) {
        const QJsonValue value = m_object.value(QLatin1String("endpoint"));
        if (!value.isString() || value.toString().isEmpty())
            return fail(QStringLiteral("endpoint"), QStringLiteral("must be a non-empty string (a name glob)"));
        rule->endpoint = PathGlob::forName(value.toString());
    }
    const bool needsPath = rule->isValueRule() || rule->condition == RuleCondition::SilentFor
        || rule->condition == RuleCondition::OfflineFor;
    if (m_object.contains(QLatin1String("path"))) {
        if (rule->condition == RuleCondition::EndpointDownFor)
            return fail(QStringLiteral("path"), QStringLiteral("endpointDownFor watches whole endpoints: no path"));
        if (!glob(QStringLiteral("path"), &rule->path))
            return false;
        rule->hasPath = true;
    } else if (needsPath) {
        return fail(QStringLiteral("path"), QStringLiteral("is required with \"%1\"").arg(conditions[0]));
    }

    if (!readClear(rule))
        return false;
    if (m_object.contains(QLatin1String("for"))) {
        if (!rule->isValueRule())
            return fail(QStringLiteral("for"),
                QStringLiteral("applies to above, below and outside (\"%1\" states its own duration)")
                    .arg(conditions[0]));
        if (!duration(QStringLiteral("for"), &rule->forMs, false))
            return false;
    }
    if (m_object.contains(QLatin1String("clearAfter"))) {
        if (rule->condition != RuleCondition::Event)
            return fail(QStringLiteral("clearAfter"), QStringLiteral("applies to event rules only"));
        if (!duration(QStringLiteral("clearAfter"), &rule->clearAfterMs, true))
            return false;
    }
    if (m_object.contains(QLatin1String("severity"))) {
        const QJsonValue value = m_object.value(QLatin1String("severity"));
        if (!value.isString() || !alertSeverityFromName(value.toString(), &rule->severity))
            return fail(QStringLiteral("severity"), QStringLiteral("must be one of info, warning, error, critical"));
    }
    return true;
}

bool RuleReader::readCondition(AlertRule *rule, const QString &key)
{
    if (key == QLatin1String("above") || key == QLatin1String("below")) {
        rule->condition = key == QLatin1String("above") ? RuleCondition::Above : RuleCondition::Below;
        if (!number(key, &rule->threshold))
            return false;
        rule->clear = rule->threshold;
        return true;
    }
    if (key == QLatin1String("outside")) {
        rule->condition = RuleCondition::Outside;
        if (!range(key, &rule->low, &rule->high))
            return false;
        rule->clearLow = rule->low;
        rule->clearHigh = rule->high;
        return true;
    }
    if (key == QLatin1String("event")) {
        rule->condition = RuleCondition::Event;
        return readEvent(rule);
    }
    rule->condition = key == QLatin1String("silentFor") ? RuleCondition::SilentFor
        : key == QLatin1String("offlineFor")            ? RuleCondition::OfflineFor
                                                        : RuleCondition::EndpointDownFor;
    return duration(key, &rule->intervalMs, true);
}

bool RuleReader::readClear(AlertRule *rule)
{
    const QString key = QStringLiteral("clear");
    if (!m_object.contains(key))
        return true;
    switch (rule->condition) {
    case RuleCondition::Above:
        if (!number(key, &rule->clear))
            return false;
        if (rule->clear > rule->threshold)
            return fail(key,
                QStringLiteral("must be at most \"above\" (%1): an alert above it resolves below it")
                    .arg(rule->threshold));
        return true;
    case RuleCondition::Below:
        if (!number(key, &rule->clear))
            return false;
        if (rule->clear < rule->threshold)
            return fail(key,
                QStringLiteral("must be at least \"below\" (%1): an alert below it resolves above it")
                    .arg(rule->threshold));
        return true;
    case RuleCondition::Outside:
        if (!range(key, &rule->clearLow, &rule->clearHigh))
            return false;
        if (rule->clearLow < rule->low || rule->clearHigh > rule->high)
            return fail(key, QStringLiteral("must lie within \"outside\" [%1, %2]").arg(rule->low).arg(rule->high));
        return true;
    default:
        return fail(key, QStringLiteral("applies to above, below and outside only"));
    }
}

bool RuleReader::readEvent(AlertRule *rule)
{
    const QString key = QStringLiteral("event");
    if (!m_object.value(key).isObject())
        return fail(key, QStringLiteral("must be an object: {\"minSeverity\": \"error\", \"text\": \"fault\"}"));
    const QJsonObject match = m_object.value(key).toObject();
    for (auto it = match.begin(); it != match.end(); ++it) {
        if (it.key() != QLatin1String("minSeverity") && it.key() != QLatin1String("text"))
            return fail(QStringLiteral("event.%1").arg(it.key()), QStringLiteral("unknown key (minSeverity, text)"));
    }
    if (match.contains(QLatin1String("minSeverity"))) {
        const QJsonValue value = match.value(QLatin1String("minSeverity"));
        if (!value.isString() || !severityFromName(value.toString(), &rule->eventMinSeverity))
            return fail(
                QStringLiteral("event.minSeverity"), QStringLiteral("must be one of debug, info, warning, error"));
    }
    if (match.contains(QLatin1String("text"))) {
        const QJsonValue value = match.value(QLatin1String("text"));
        if (!value.isString())
            return fail(QStringLiteral("event.text"), QStringLiteral("must be a string"));
        rule->eventText = value.toString();
    }
    return true;
}

} // namespace

bool parseRule(const QJsonObject &object, int index, AlertRule *rule, RuleError *error)
{
    AlertRule parsed;
    RuleReader reader(object, index, error);
    if (!reader.read(&parsed))
        return false;
    *rule = parsed;
    return true;
}

bool parse(const QByteArray &json, RuleSet *rules, RuleError *error)
{
    QJsonParseError parseError {};
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = RuleError {-1, QString(),
            QStringLiteral("not JSON: %1 at byte %2").arg(parseError.errorString()).arg(parseError.offset)};
        return false;
    }
    if (!document.isObject()) {
        *error = RuleError {-1, QString(), QStringLiteral("must be an object: {\"version\": 1, \"rules\": [...]}")};
        return false;
    }
    const QJsonObject root = document.object();
    for (auto it = root.begin(); it != root.end(); ++it) {
        if (it.key() != QLatin1String("version") && it.key() != QLatin1String("rules")) {
            *error = RuleError {-1, it.key(), QStringLiteral("unknown key (expected version, rules)")};
            return false;
        }
    }
    if (root.value(QLatin1String("version")).toDouble(-1) != kVersion) {
        *error = RuleError {-1, QStringLiteral("version"), QStringLiteral("must be %1").arg(kVersion)};
        return false;
    }
    if (!root.value(QLatin1String("rules")).isArray()) {
        *error = RuleError {-1, QStringLiteral("rules"), QStringLiteral("must be an array of rules")};
        return false;
    }
    const QJsonArray array = root.value(QLatin1String("rules")).toArray();
    if (array.size() > kMaxRules) {
        *error = RuleError {-1, QStringLiteral("rules"), QStringLiteral("more than %1 rules").arg(kMaxRules)};
        return false;
    }
    RuleSet parsed;
    parsed.reserve(array.size());
    QHash<QString, int> names;
    for (int i = 0; i < array.size(); ++i) {
        if (!array[i].isObject()) {
            *error = RuleError {i, QString(), QStringLiteral("must be an object")};
            return false;
        }
        AlertRule rule;
        if (!parseRule(array[i].toObject(), i, &rule, error))
            return false;
        const auto known = names.constFind(rule.name);
        if (known != names.constEnd()) {
            *error = RuleError {i, QStringLiteral("name"),
                QStringLiteral("\"%1\" is already the name of rules[%2]; names must be unique")
                    .arg(rule.name)
                    .arg(*known)};
            return false;
        }
        names.insert(rule.name, i);
        parsed.append(rule);
    }
    *rules = parsed;
    return true;
}

bool load(const QString &path, RuleSet *rules, RuleError *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = RuleError {-1, QString(), QStringLiteral("cannot read %1: %2").arg(path, file.errorString())};
        return false;
    }
    if (file.size() > kMaxFileBytes) {
        *error = RuleError {-1, QString(),
            QStringLiteral("%1 is larger than %2 MiB: not a rules file").arg(path).arg(kMaxFileBytes >> 20)};
        return false;
    }
    return parse(file.read(kMaxFileBytes + 1), rules, error);
}

QByteArray serialize(const RuleSet &rules)
{
    QJsonArray array;
    for (const AlertRule &rule : rules)
        array.append(rule.toJson());
    QJsonObject root;
    root.insert(QStringLiteral("version"), kVersion);
    root.insert(QStringLiteral("rules"), array);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

bool save(const QString &path, const RuleSet &rules, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(serialize(rules));
    if (!file.commit()) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace RulesFile

} // namespace fleetscope
