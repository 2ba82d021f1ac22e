#include "core/endpoint/protocolregistry.h"

#include "core/endpoint/endpoint.h"

#include <QFileInfo>
#include <QObject>

namespace fleetscope {

void ProtocolRegistry::add(const ProtocolInfo &info)
{
    m_protocols.append(info);
}

const ProtocolInfo *ProtocolRegistry::find(const QString &id) const
{
    for (const auto &info : m_protocols) {
        if (info.id == id)
            return &info;
    }
    return nullptr;
}

QStringList ProtocolRegistry::ids() const
{
    QStringList out;
    for (const auto &info : m_protocols)
        out << info.id;
    return out;
}

bool ProtocolRegistry::validate(const EndpointConfig &config, QString *error) const
{
    const ProtocolInfo *info = find(config.protocol);
    if (!info) {
        *error =
            QObject::tr("unknown protocol \"%1\" (known: %2)").arg(config.protocol, ids().join(QLatin1String(", ")));
        return false;
    }
    if (info->source == ProtocolInfo::Source::RecordingFile) {
        if (!config.url.isLocalFile() || !QFileInfo(config.url.toLocalFile()).isFile()) {
            *error = QObject::tr("no recording at \"%1\"").arg(config.url.toLocalFile());
            return false;
        }
        return true;
    }
    if (!config.url.isValid() || config.url.scheme().isEmpty() || config.url.host().isEmpty()) {
        *error = QObject::tr("invalid URL \"%1\" for %2 (e.g. %3)")
                     .arg(config.url.toString(), info->displayName, info->urlPlaceholder);
        return false;
    }
    for (const auto &field : info->fields) {
        if (!field.required)
            continue;
        const bool missing =
            field.key == QLatin1String("secret") ? config.secret.isEmpty() : config.option(field.key).isEmpty();
        if (missing) {
            *error = QObject::tr("%1 needs %2").arg(info->displayName, field.label);
            return false;
        }
    }
    return true;
}

std::unique_ptr<Endpoint> ProtocolRegistry::create(const EndpointConfig &config, QString *error) const
{
    if (!validate(config, error))
        return nullptr;
    return find(config.protocol)->create(config);
}

} // namespace fleetscope
