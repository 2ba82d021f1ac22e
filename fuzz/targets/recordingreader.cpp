// The recording reader: any file handed to `export-recording` or a replay.
#include "core/recording/recordingreader.h"
#include "core/recording/recordingexport.h"
#include "fuzz/targets/fuzztarget.h"

#include <QBuffer>

namespace fleetscope::fuzz {

int fuzzRecordingReader(const uint8_t *data, size_t size)
{
    QBuffer buffer;
    buffer.setData(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    buffer.open(QIODevice::ReadOnly);
    RecordingReader reader;
    if (!reader.open(&buffer))
        return 0;
    (void)RecordingExport::header(reader.info(), nullptr);
    RecordingFrame frame;
    while (reader.next(&frame))
        (void)RecordingExport::frame(frame, reader.info(), nullptr);
    return 0;
}

} // namespace fleetscope::fuzz
