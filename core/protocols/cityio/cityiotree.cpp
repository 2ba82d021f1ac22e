#include "core/protocols/cityio/cityiotree.h"

#include "core/util/jsonutil.h"

#include <algorithm>

namespace fleetscope::cityio {

namespace {
const QLatin1String kIndicators("indicators");
const QLatin1String kLayers("layers");
const QLatin1String kScenarios("scenarios");
const QLatin1String kCoreModules("@core-modules");
const QLatin1String kGridData("GEOGRIDDATA");

QString plural(qsizetype n, const char *noun)
{
    return QStringLiteral("%1 %2%3").arg(n).arg(QLatin1String(noun), n == 1 ? QString() : QStringLiteral("s"));
}

void addEvent(EndpointBatch *out, qint64 t, Severity severity, const QString &path, const QString &summary,
    const QString &payload)
{
    Event event;
    event.t = t;
    event.severity = severity;
    event.path = path;
    event.summary = summary;
    event.payload = payload;
    out->events.append(event);
}

QString segment(const QString &label)
{
    return TopicPath::encodeSegment(label);
}

void setDisplayName(Topic *topic, const QString &label)
{
    if (segment(label) != label)
        topic->displayName = label;
}

// Keys of a snapshot that feed dedicated folders rather than a `<project>/<KEY>` resource.
bool isFolderKey(const QString &key)
{
    return key == QLatin1String("GEOGRIDDATA") || key == QLatin1String("NUMERICINDICATORS")
        || key == QLatin1String("LAYERS");
}
} // namespace

QString CityioTree::projectPath(const QString &project)
{
    return segment(project);
}

QString CityioTree::summaryOfSnapshot(int cells, int layers, int indicators)
{
    return QStringLiteral("snapshot: %1, %2, %3")
        .arg(plural(cells, "cell"), plural(layers, "layer"), plural(indicators, "indicator"));
}

bool CityioTree::hasGrid(const QString &project) const
{
    const auto it = m_tables.constFind(project);
    return it != m_tables.constEnd() && it->hasCells;
}

QJsonArray CityioTree::grid(const QString &project) const
{
    return m_tables.value(project).cells;
}

QStringList CityioTree::projects() const
{
    QStringList out = m_tables.keys();
    out.sort();
    return out;
}

void CityioTree::report(const Topic &topic, EndpointBatch *out)
{
    const auto it = m_topics.constFind(topic.path);
    if (it != m_topics.constEnd() && *it == topic)
        return;
    m_topics.insert(topic.path, topic);
    out->topics.append(topic);
}

void CityioTree::remove(const QString &path, EndpointBatch *out)
{
    if (m_topics.remove(path))
        out->removedTopics.append(path);
}

void CityioTree::folder(const QString &path, const QString &type, EndpointBatch *out)
{
    Topic topic;
    topic.path = path;
    topic.node = NodeKind::Folder;
    topic.type = type;
    report(topic, out);
}

CityioTree::Table &CityioTree::table(const QString &project, EndpointBatch *out)
{
    if (!m_tables.contains(project))
        addProject(project, QJsonObject(), out);
    return m_tables[project];
}

void CityioTree::addProject(const QString &project, const QJsonObject &header, EndpointBatch *out)
{
    m_tables[project]; // known from now on
    Topic topic;
    topic.path = projectPath(project);
    topic.node = NodeKind::Device; // a table is what people monitor
    topic.type = QStringLiteral("cityio/table");
    topic.subscribable = true;
    setDisplayName(&topic, project);
    const auto previous = m_topics.constFind(topic.path);
    if (header.isEmpty() && previous != m_topics.constEnd())
        topic.meta = previous->meta; // a snapshot without header keeps what REST told
    for (auto it = header.constBegin(); it != header.constEnd(); ++it) {
        if (!it.value().isObject() && !it.value().isArray())
            topic.meta.insert(it.key(), it.value().toVariant());
    }
    report(topic, out);
}

QString CityioTree::applyInterface(
    const QString &project, const Message &message, const QString &raw, qint64 t, EndpointBatch *out)
{
    switch (message.kind) {
    case MessageKind::TableSnapshot:
        return applySnapshot(project, message, raw, t, out);
    case MessageKind::GridUpdate:
        return applyGridUpdate(project, message, raw, t, out);
    case MessageKind::Module:
        return applyModule(project, message, raw, t, out);
    case MessageKind::Scenarios:
        table(project, out);
        return applyScenarios(project, scenariosOf(message.content), raw, t, out, true);
    case MessageKind::CoreModulesList:
        return applyCoreModules(message, raw, t, out);
    case MessageKind::Error: {
        const QString summary = errorTextOf(message.content);
        addEvent(out, t, Severity::Error, projectPath(project), summary, raw);
        return summary;
    }
    case MessageKind::SubscriptionRequest:
    case MessageKind::SubscriptionRemovalRequest:
    case MessageKind::UpdateModule:
        return applyProbe(projectPath(project), message, raw, t, out);
    case MessageKind::Unknown:
        break;
    }
    const QString summary = QStringLiteral("unknown message type %1").arg(oneLine(message.type, 60));
    addEvent(out, t, Severity::Debug, projectPath(project), summary, raw);
    return summary;
}

QString CityioTree::applyProbe(
    const QString &channel, const Message &message, const QString &raw, qint64 t, EndpointBatch *out)
{
    QString summary;
    QString path = channel;
    Severity severity = Severity::Info;
    switch (message.kind) {
    case MessageKind::TableSnapshot: {
        const Snapshot snapshot = snapshotOf(message.content);
        summary = QStringLiteral("snapshot of %1 on %2: %3")
                      .arg(snapshot.tableName.isEmpty() ? QStringLiteral("?") : snapshot.tableName, channel,
                          plural(snapshot.table.value(kGridData).toArray().size(), "cell"));
        break;
    }
    case MessageKind::GridUpdate: {
        const GridUpdate update = gridUpdateOf(message.content);
        summary = QStringLiteral("grid update of %1 on %2: %3")
                      .arg(update.tableName.isEmpty() ? QStringLiteral("?") : update.tableName, channel,
                          plural(update.cells.size(), "cell"));
        break;
    }
    case MessageKind::SubscriptionRequest:
    case MessageKind::SubscriptionRemovalRequest: {
        const QString table = tableKeyOf(message.content);
        path = table.isEmpty() ? channel : projectPath(table);
        summary = message.kind == MessageKind::SubscriptionRequest
            ? QStringLiteral("core subscription requested")
            : QStringLiteral("core subscription removal requested");
        break;
    }
    case MessageKind::UpdateModule:
        summary = QStringLiteral("update module: %1")
                      .arg(oneLine(jsonToText(message.content.toObject().value(QLatin1String("payload"))), 80));
        break;
    case MessageKind::Module: {
        const ModuleOutput output = moduleOutputOf(message.content);
        summary = QStringLiteral("module output on %1: %2, %3")
                      .arg(channel, plural(output.numeric.size(), "indicator"), plural(output.layers.size(), "layer"));
        break;
    }
    case MessageKind::CoreModulesList:
        return applyCoreModules(message, raw, t, out);
    case MessageKind::Scenarios:
        summary = plural(scenariosOf(message.content).size(), "scenario");
        break;
    case MessageKind::Error:
        severity = Severity::Error;
        summary = errorTextOf(message.content);
        break;
    case MessageKind::Unknown:
        severity = Severity::Debug;
        summary = QStringLiteral("unknown message type %1").arg(oneLine(message.type, 60));
        break;
    }
    addEvent(out, t, severity, path, summary, raw);
    return summary;
}

QString CityioTree::undecodable(
    const QString &path, const Message &message, const QString &raw, qint64 t, EndpointBatch *out)
{
    const QString summary = QStringLiteral("undecodable frame (%1 bytes): %2").arg(message.bytes).arg(message.problem);
    addEvent(out, t, Severity::Error, path, summary, raw);
    return summary;
}

QString CityioTree::applySnapshot(
    const QString &project, const Message &message, const QString &raw, qint64 t, EndpointBatch *out)
{
    const Snapshot snapshot = snapshotOf(message.content);
    const QString base = projectPath(project);
    const QJsonObject geogrid = snapshot.table.value(QLatin1String("GEOGRID")).toObject();
    const QJsonObject header = gridHeaderOf(geogrid);
    if (!header.isEmpty())
        addProject(project, header, out);
    Table &state = table(project, out);
    int indicators = 0;
    int layers = 0;
    for (auto it = snapshot.table.constBegin(); it != snapshot.table.constEnd(); ++it) {
        const QString key = it.key();
        if (key == QLatin1String("GEOGRID")) {
            state.types = gridTypesOf(geogrid);
            Topic topic;
            topic.path = TopicPath::join(base, QStringLiteral("GEOGRID"));
            topic.node = NodeKind::Resource;
            topic.type = QStringLiteral("geojson");
            topic.meta.insert(QStringLiteral("features"), geogrid.value(QLatin1String("features")).toArray().size());
            topic.meta.insert(QStringLiteral("types"), state.types.join(QLatin1String(", ")));
            report(topic, out);
        } else if (key == QLatin1String("NUMERICINDICATORS") || (key == kIndicators && it.value().isArray())) {
            const QVector<Indicator> list = indicatorsOf(it.value());
            indicators += static_cast<int>(list.size());
            applyIndicators(project, list, t, out);
        } else if (key == QLatin1String("LAYERS")) {
            const QVector<Layer> list = layersOf(it.value());
            layers += static_cast<int>(list.size());
            applyLayers(project, list, out);
        } else if (key == kScenarios && it.value().isArray()) {
            applyScenarios(project, scenariosOf(it.value()), raw, t, out, false);
        } else if (!isFolderKey(key)) {
            Topic topic;
            topic.path = TopicPath::join(base, segment(key));
            topic.node = NodeKind::Resource;
            topic.type = QStringLiteral("json");
            setDisplayName(&topic, key);
            report(topic, out);
        }
    }
    const QJsonValue cells = snapshot.table.value(kGridData);
    int cellCount = 0;
    if (cells.isArray()) {
        cellCount = static_cast<int>(cells.toArray().size());
        applyCells(project, cells.toArray(), t, out, nullptr);
    }
    const QString summary = summaryOfSnapshot(cellCount, layers, indicators);
    addEvent(out, t, Severity::Info, base, summary, raw);
    return summary;
}

QString CityioTree::applyGridUpdate(
    const QString &project, const Message &message, const QString &raw, qint64 t, EndpointBatch *out)
{
    const GridUpdate update = gridUpdateOf(message.content);
    const QString path = TopicPath::join(projectPath(project), kGridData);
    if (!update.valid) {
        const QString summary = QStringLiteral("grid update without a cell array");
        addEvent(out, t, Severity::Warning, path, summary, raw);
        return summary;
    }
    Table &state = table(project, out);
    const qsizetype before = state.cells.size();
    const bool hadCells = state.hasCells;
    QHash<QString, int> changedTypes;
    const int changed = applyCells(project, update.cells, t, out, &changedTypes);
    QVector<QPair<QString, int>> byCount;
    for (auto it = changedTypes.constBegin(); it != changedTypes.constEnd(); ++it)
        byCount.append({it.key(), it.value()});
    std::sort(byCount.begin(), byCount.end(),
        [](const auto &a, const auto &b) { return a.second != b.second ? a.second > b.second : a.first < b.first; });
    QStringList parts;
    for (const auto &[type, n] : std::as_const(byCount))
        parts << QStringLiteral("%1 %2%3").arg(type.isEmpty() ? QStringLiteral("?") : type).arg(QChar(0x00D7)).arg(n);
    QString summary;
    if (!hadCells)
        summary = QStringLiteral("grid update: %1").arg(plural(update.cells.size(), "cell"));
    else if (changed == 0)
        summary = QStringLiteral("grid update: no cell changed");
    else
        summary = QStringLiteral("grid update: %1 changed (%2)")
                      .arg(plural(changed, "cell"), parts.join(QLatin1String(", ")));
    if (hadCells && before != update.cells.size())
        summary += QStringLiteral("; the grid now has %1 cells, had %2").arg(update.cells.size()).arg(before);
    addEvent(out, t, Severity::Info, path, summary, raw);
    return summary;
}

int CityioTree::applyCells(
    const QString &project, const QJsonArray &cells, qint64 t, EndpointBatch *out, QHash<QString, int> *changedTypes)
{
    Table &state = m_tables[project];
    const QString base = TopicPath::join(projectPath(project), kGridData);
    int changed = 0;
    if (state.hasCells) {
        const qsizetype common = std::min(state.cells.size(), cells.size());
        for (qsizetype i = 0; i < common; ++i) {
            const QJsonValue cell = cells.at(i);
            if (cell != state.cells.at(i)) {
                ++changed;
                if (changedTypes)
                    (*changedTypes)[cellType(cell)] += 1;
            }
        }
        changed += static_cast<int>(std::max(state.cells.size(), cells.size()) - common);
        for (qsizetype i = common; changedTypes && i < cells.size(); ++i)
            (*changedTypes)[cellType(cells.at(i))] += 1;
    }
    QHash<QString, int> counts;
    for (const QString &type : std::as_const(state.types))
        counts.insert(type, 0);
    for (const QJsonValue &cell : cells) {
        const QString type = cellType(cell);
        if (!type.isEmpty())
            counts[type] += 1;
    }
    Topic grid;
    grid.path = base;
    grid.node = NodeKind::Stream;
    grid.type = QStringLiteral("cityio/geogriddata");
    grid.meta.insert(QStringLiteral("cells"), cells.size());
    report(grid, out);
    folder(TopicPath::join(base, QStringLiteral("types")), QStringLiteral("cityio/types"), out);
    QStringList types = counts.keys();
    types.sort();
    for (const QString &type : std::as_const(types)) {
        Topic topic;
        topic.path = TopicPath::join(TopicPath::join(base, QStringLiteral("types")), segment(type));
        topic.node = NodeKind::Stream;
        topic.type = QStringLiteral("number");
        setDisplayName(&topic, type);
        report(topic, out);
        out->samples.append(Sample {topic.path, t, static_cast<double>(counts.value(type))});
    }
    if (state.hasCells) {
        Topic topic;
        topic.path = TopicPath::join(base, QStringLiteral("changed"));
        topic.node = NodeKind::Stream;
        topic.type = QStringLiteral("number");
        report(topic, out);
        out->samples.append(Sample {topic.path, t, static_cast<double>(changed)});
    }
    state.cells = cells;
    state.hasCells = true;
    return changed;
}

void CityioTree::applyIndicators(
    const QString &project, const QVector<Indicator> &indicators, qint64 t, EndpointBatch *out)
{
    if (indicators.isEmpty())
        return;
    const QString base = TopicPath::join(projectPath(project), kIndicators);
    folder(base, QStringLiteral("cityio/indicators"), out);
    for (const Indicator &indicator : indicators) {
        Topic topic;
        topic.path = TopicPath::join(base, segment(indicator.name));
        topic.node = NodeKind::Stream;
        topic.type = QStringLiteral("number");
        setDisplayName(&topic, indicator.name);
        for (const char *key : {"viz_type", "description", "units", "ref_value", "indicator_type"}) {
            const QJsonValue value = indicator.raw.value(QLatin1String(key));
            if (!value.isUndefined() && !value.isNull())
                topic.meta.insert(QLatin1String(key), value.toVariant());
        }
        report(topic, out);
        if (indicator.hasValue)
            out->samples.append(Sample {topic.path, t, indicator.value});
    }
}

void CityioTree::applyLayers(const QString &project, const QVector<Layer> &layers, EndpointBatch *out)
{
    if (layers.isEmpty())
        return;
    const QString base = TopicPath::join(projectPath(project), kLayers);
    folder(base, QStringLiteral("cityio/layers"), out);
    for (const Layer &layer : layers) {
        Topic topic;
        topic.path = TopicPath::join(base, segment(layer.id));
        topic.node = NodeKind::Resource;
        topic.type = QStringLiteral("layer/") + layer.type;
        setDisplayName(&topic, layer.id);
        if (layer.points >= 0)
            topic.meta.insert(QStringLiteral("points"), layer.points);
        report(topic, out);
    }
}

QString CityioTree::applyModule(
    const QString &project, const Message &message, const QString &raw, qint64 t, EndpointBatch *out)
{
    const ModuleOutput output = moduleOutputOf(message.content);
    const QString target = output.gridId.isEmpty() ? project : output.gridId;
    table(target, out);
    applyIndicators(target, output.numeric, t, out);
    applyLayers(target, output.layers, out);
    int withoutValue = 0;
    for (const Indicator &indicator : output.numeric)
        withoutValue += indicator.hasValue ? 0 : 1;
    QString summary = QStringLiteral("module output: %1, %2")
                          .arg(plural(output.numeric.size(), "indicator"), plural(output.layers.size(), "layer"));
    if (withoutValue > 0)
        summary += QStringLiteral(" (%1 without a numeric value)").arg(withoutValue);
    if (output.save)
        summary += QStringLiteral(", saved");
    addEvent(out, t, Severity::Info, TopicPath::join(projectPath(target), kIndicators), summary, raw);
    return summary;
}

QString CityioTree::applyScenarios(const QString &project, const QVector<Scenario> &scenarios, const QString &raw,
    qint64 t, EndpointBatch *out, bool withEvent)
{
    Table &state = m_tables[project];
    const QString base = TopicPath::join(projectPath(project), kScenarios);
    folder(base, QStringLiteral("cityio/scenarios"), out);
    QSet<QString> now;
    int inBin = 0;
    for (const Scenario &scenario : scenarios) {
        Topic topic;
        topic.path = TopicPath::join(base, segment(scenario.name));
        topic.node = NodeKind::Resource;
        topic.type = QStringLiteral("cityio/scenario");
        setDisplayName(&topic, scenario.name);
        if (!scenario.description.isEmpty())
            topic.meta.insert(QStringLiteral("description"), scenario.description);
        topic.meta.insert(QStringLiteral("isInBin"), scenario.inBin);
        report(topic, out);
        now.insert(topic.path);
        inBin += scenario.inBin ? 1 : 0;
    }
    for (const QString &gone : std::as_const(state.scenarios)) {
        if (!now.contains(gone))
            remove(gone, out);
    }
    state.scenarios = now;
    const QString summary = QStringLiteral("%1 (%2 in bin)").arg(plural(scenarios.size(), "scenario")).arg(inBin);
    if (withEvent)
        addEvent(out, t, Severity::Info, base, summary, raw);
    return summary;
}

QString CityioTree::applyCoreModules(const Message &message, const QString &raw, qint64 t, EndpointBatch *out)
{
    const QVector<CoreModule> modules = coreModulesOf(message.content);
    folder(kCoreModules, QStringLiteral("cityio/core-modules"), out);
    QSet<QString> now;
    for (const CoreModule &module : modules) {
        Topic topic;
        topic.path = TopicPath::join(kCoreModules, segment(module.moduleId));
        topic.node = NodeKind::Resource;
        topic.type = QStringLiteral("cityio/core-module");
        topic.displayName = module.name;
        topic.meta.insert(QStringLiteral("moduleId"), module.moduleId);
        if (!module.description.isEmpty())
            topic.meta.insert(QStringLiteral("description"), module.description);
        if (!module.moduleType.isEmpty())
            topic.meta.insert(QStringLiteral("moduleType"), module.moduleType);
        report(topic, out);
        now.insert(topic.path);
    }
    for (const QString &gone : std::as_const(m_coreModules)) {
        if (!now.contains(gone))
            remove(gone, out);
    }
    m_coreModules = now;
    const QString summary = plural(modules.size(), "core module");
    addEvent(out, t, Severity::Debug, kCoreModules, summary, raw);
    return summary;
}

} // namespace fleetscope::cityio
