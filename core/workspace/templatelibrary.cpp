#include "core/workspace/templatelibrary.h"

#include "core/endpoint/protocolregistry.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>

namespace fleetscope {

TemplateLibrary::TemplateLibrary(const ProtocolRegistry &registry)
    : m_registry(registry)
{ }

const TemplateSet &TemplateLibrary::templates(const QString &protocol) const
{
    auto it = m_cache.constFind(protocol);
    if (it != m_cache.constEnd())
        return it.value();
    TemplateSet set;
    const ProtocolInfo *info = m_registry.find(protocol);
    if (!info)
        set.error = QObject::tr("unknown protocol \"%1\"").arg(protocol);
    else if (info->templatesResource.isEmpty())
        set.error = QObject::tr("%1 ships no templates").arg(info->displayName);
    else
        set = load(info->templatesResource);
    set.protocol = protocol;
    return m_cache.insert(protocol, set).value();
}

TemplateSet TemplateLibrary::load(const QString &fileName)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        TemplateSet set;
        set.error = QObject::tr("cannot read %1: %2").arg(fileName, file.errorString());
        return set;
    }
    return parse(file.readAll());
}

TemplateSet TemplateLibrary::parse(const QByteArray &json)
{
    TemplateSet set;
    QJsonParseError parseError {};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        set.error = QObject::tr("templates file is not a JSON object: %1").arg(parseError.errorString());
        return set;
    }
    const QJsonObject root = doc.object();
    set.protocol = root.value(QLatin1String("protocol")).toString();
    set.about = root.value(QLatin1String("about")).toString();
    for (const QJsonValue &value : root.value(QLatin1String("templates")).toArray()) {
        const QJsonObject object = value.toObject();
        CommandTemplate item;
        item.name = object.value(QLatin1String("name")).toString();
        item.target = object.value(QLatin1String("target")).toString();
        item.payload = object.value(QLatin1String("payload")).toString();
        item.confirm = object.value(QLatin1String("confirm")).toBool();
        item.writes = object.value(QLatin1String("writes")).toBool();
        if (!item.name.isEmpty())
            set.templates.append(item);
    }
    return set;
}

} // namespace fleetscope
