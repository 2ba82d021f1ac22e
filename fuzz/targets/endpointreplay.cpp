// A whole protocol adapter, fed recorded frames through the Endpoint replay hooks: decoding,
// session bookkeeping, tree building and reporting, without a socket.
#include "core/endpoint/endpoint.h"
#include "core/endpoint/protocolregistry.h"
#include "fuzz/targets/fuzztarget.h"

#include <QCoreApplication>

#include <memory>

namespace fleetscope::fuzz {

int fuzzEndpointReplay(const QString &protocol, const uint8_t *data, size_t size, const QStringList &channels)
{
    static ProtocolRegistry registry = [] {
        ProtocolRegistry r;
        registerBuiltinProtocols(r);
        return r;
    }();
    const ProtocolInfo *info = registry.find(protocol);
    if (!info || !info->create)
        return 0;
    EndpointConfig config;
    config.name = QStringLiteral("fuzz");
    config.protocol = protocol;
    config.maxTopics = 2000; // keep one input's memory small; the limit is exercised too
    std::unique_ptr<Endpoint> endpoint = info->create(config);
    const QByteArray input(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    for (const QByteArray &record : input.split('\x1e')) {
        if (record.isEmpty())
            continue;
        const QByteArray frame = record.mid(1);
        const auto tag = static_cast<unsigned char>(record.at(0));
        if (!channels.isEmpty())
            endpoint->setReplayChannel(channels.at(((tag >> 2) & 7) % channels.size()));
        switch (tag & 3) {
        case 1:
            endpoint->replaySentFrame(QString::fromUtf8(frame));
            break;
        case 2:
            endpoint->replayBinaryFrame(frame);
            break;
        default:
            endpoint->replayFrame(QString::fromUtf8(frame));
            break;
        }
    }
    endpoint->flush();
    endpoint.reset();
    // Objects the adapter deleted later go now, so one input's leftovers never reach the next.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    return 0;
}

int fuzzExositeEndpoint(const uint8_t *data, size_t size)
{
    return fuzzEndpointReplay(QStringLiteral("exosite"), data, size);
}

} // namespace fleetscope::fuzz
