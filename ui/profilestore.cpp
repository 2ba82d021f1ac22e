#include "ui/profilestore.h"

#include "core/endpoint/protocolregistry.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace fleetscope::ui {

namespace {
QJsonObject linkToJson(const LinkOptions &link)
{
    return QJsonObject {{QStringLiteral("connectTimeoutMs"), link.connectTimeoutMs},
        {QStringLiteral("pingIntervalMs"), link.pingIntervalMs}, {QStringLiteral("maxBackoffMs"), link.maxBackoffMs},
        {QStringLiteral("reconnect"), link.reconnect}, {QStringLiteral("insecure"), link.insecure},
        {QStringLiteral("caFile"), link.caFile},
        {QStringLiteral("pinnedCertificates"), QJsonArray::fromStringList(link.pinnedCertificates)}};
}

LinkOptions linkFromJson(const QJsonObject &json)
{
    LinkOptions link;
    link.connectTimeoutMs = json.value(QLatin1String("connectTimeoutMs")).toInt(link.connectTimeoutMs);
    link.pingIntervalMs = json.value(QLatin1String("pingIntervalMs")).toInt(link.pingIntervalMs);
    link.maxBackoffMs = json.value(QLatin1String("maxBackoffMs")).toInt(link.maxBackoffMs);
    link.reconnect = json.value(QLatin1String("reconnect")).toBool(link.reconnect);
    link.insecure = json.value(QLatin1String("insecure")).toBool(false);
    link.caFile = json.value(QLatin1String("caFile")).toString();
    for (const QJsonValue &pin : json.value(QLatin1String("pinnedCertificates")).toArray())
        link.pinnedCertificates << pin.toString();
    return link;
}
} // namespace

ProfileStore::ProfileStore(const QString &directory, const ProtocolRegistry &registry)
    : m_directory(directory)
    , m_registry(registry)
{ }

QString ProfileStore::fileName() const
{
    return QDir(m_directory).filePath(QStringLiteral("profiles.json"));
}

QSet<QString> ProfileStore::secretOptionKeys(const QString &protocol) const
{
    QSet<QString> keys {QStringLiteral("secret")};
    if (const ProtocolInfo *info = m_registry.find(protocol)) {
        for (const ProtocolField &field : info->fields) {
            if (field.kind == ProtocolField::Kind::Secret)
                keys.insert(field.key);
        }
    }
    return keys;
}

QVector<Profile> ProfileStore::load(QString *error) const
{
    QFile file(fileName());
    if (!file.exists())
        return {};
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = file.errorString();
        return {};
    }
    QJsonParseError parseError {};
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(fileName(), parseError.errorString());
        return {};
    }
    QVector<Profile> profiles;
    for (const QJsonValue &value : doc.object().value(QLatin1String("profiles")).toArray()) {
        const QJsonObject object = value.toObject();
        Profile profile;
        profile.config.name = object.value(QLatin1String("name")).toString();
        profile.config.protocol = object.value(QLatin1String("protocol")).toString();
        profile.config.url = QUrl(object.value(QLatin1String("url")).toString());
        profile.config.options = object.value(QLatin1String("options")).toObject().toVariantMap();
        for (const QString &key : secretOptionKeys(profile.config.protocol))
            profile.config.options.remove(key);
        profile.config.link = linkFromJson(object.value(QLatin1String("link")).toObject());
        profile.connectOnStart = object.value(QLatin1String("connectOnStart")).toBool(true);
        for (const QJsonValue &path : object.value(QLatin1String("subscriptions")).toArray())
            profile.subscriptions << path.toString();
        if (!profile.config.name.isEmpty())
            profiles.append(profile);
    }
    return profiles;
}

bool ProfileStore::save(const QVector<Profile> &profiles, QString *error) const
{
    QJsonArray array;
    for (const Profile &profile : profiles) {
        QVariantMap options = profile.config.options;
        for (const QString &key : secretOptionKeys(profile.config.protocol))
            options.remove(key);
        QJsonArray subscriptions;
        for (const QString &path : profile.subscriptions)
            subscriptions.append(path);
        array.append(QJsonObject {{QStringLiteral("name"), profile.config.name},
            {QStringLiteral("protocol"), profile.config.protocol},
            {QStringLiteral("url"), profile.config.url.toString()},
            {QStringLiteral("options"), QJsonObject::fromVariantMap(options)},
            {QStringLiteral("link"), linkToJson(profile.config.link)},
            {QStringLiteral("connectOnStart"), profile.connectOnStart},
            {QStringLiteral("subscriptions"), subscriptions}});
    }
    if (!QDir().mkpath(m_directory)) {
        if (error)
            *error = QStringLiteral("cannot create %1").arg(m_directory);
        return false;
    }
    QSaveFile file(fileName());
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    file.write(QJsonDocument(QJsonObject {{QStringLiteral("version"), 1}, {QStringLiteral("profiles"), array}})
                   .toJson(QJsonDocument::Indented));
    if (!file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

} // namespace fleetscope::ui
