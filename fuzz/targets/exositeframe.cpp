// The Exosite frame decoder: any text a server sends.
#include "core/protocols/exosite/exositeframe.h"
#include "fuzz/targets/fuzztarget.h"

namespace fleetscope::fuzz {

int fuzzExositeFrame(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const exosite::Frame frame = exosite::decodeFrame(text);
    for (const exosite::Response &response : frame.responses) {
        QVector<exosite::Point> points;
        exosite::decodePoints(response.result, &points);
        (void)response.failureText();
        (void)exosite::idKey(response.id);
    }
    return 0;
}

} // namespace fleetscope::fuzz
