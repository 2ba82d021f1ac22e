// The OpenTera frame decoders (protobuf canonical JSON in text frames, serialized TeraMessages in
// binary ones) and the mapping of what they decode (device statuses, presence, sessions) onto the
// tree, as the endpoint reads a frame.
#include "core/protocols/opentera/openteraframe.h"
#include "core/protocols/opentera/openteradevicestatus.h"
#include "core/protocols/opentera/openteraeventmapper.h"
#include "fuzz/targets/fuzztarget.h"

namespace fleetscope::fuzz {

namespace {
void map(const opentera::Frame &frame, const QString &raw, qint64 bytes)
{
    opentera::EntityTree tree;
    opentera::EventMapper mapper(&tree);
    EndpointBatch batch;
    mapper.applyFrame(frame, raw, bytes, 1700000000000, &batch);
    // Twice: the second time every entity and stream exists already.
    mapper.applyFrame(frame, raw, bytes, 1700000000001, &batch);
}
} // namespace

int fuzzOpenTeraFrame(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const QString text = QString::fromUtf8(bytes);
    map(opentera::decodeTextFrame(text), text, bytes.size());
    map(opentera::decodeBinaryFrame(bytes), QString(), bytes.size());
    const opentera::DeviceStatus status = opentera::decodeDeviceStatus(QJsonValue(text));
    (void)opentera::statusFields(status.value);
    (void)opentera::statusSummary(status.value);
    return 0;
}

int fuzzOpenTeraEndpoint(const uint8_t *data, size_t size)
{
    return fuzzEndpointReplay(QStringLiteral("opentera"), data, size);
}

} // namespace fleetscope::fuzz
