// The CityIO envelope decoder and the mapping of its content (snapshots, grid updates, module
// output, scenarios, core modules, errors) onto the tree, as a project's socket and a probe
// socket read them; then the same input once more, as a grid update after it.
#include "core/protocols/cityio/cityiomessage.h"
#include "core/protocols/cityio/cityiotree.h"
#include "fuzz/targets/fuzztarget.h"

namespace fleetscope::fuzz {

int fuzzCityioMessage(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const QString text = QString::fromUtf8(bytes);
    const cityio::Message message = cityio::decodeMessage(text);
    QString raw;
    const cityio::Message binary = cityio::decodeBinaryMessage(bytes, &raw);
    (void)binary;
    cityio::CityioTree tree;
    EndpointBatch batch;
    if (!message.ok) {
        cityio::CityioTree::undecodable(QStringLiteral("volpe"), message, text, 1, &batch);
        return 0;
    }
    (void)cityio::tableKeyOf(message.content);
    tree.applyInterface(QStringLiteral("volpe"), message, text, 1, &batch);
    tree.applyProbe(QStringLiteral("@module"), message, text, 2, &batch);
    // A second message on a table that now has state (the changed-cells count, merges).
    tree.applyInterface(QStringLiteral("volpe"), message, text, 3, &batch);
    (void)tree.grid(QStringLiteral("volpe"));
    return 0;
}

int fuzzCityioEndpoint(const uint8_t *data, size_t size)
{
    // A recording names the socket of each frame: two projects, the probes, or none (old files).
    static const QStringList channels {QStringLiteral("volpe"), QStringLiteral("corktown"), QStringLiteral("@module"),
        QStringLiteral("@core"), QString()};
    return fuzzEndpointReplay(QStringLiteral("cityio"), data, size, channels);
}

} // namespace fleetscope::fuzz
