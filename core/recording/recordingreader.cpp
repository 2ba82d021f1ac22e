#include "core/recording/recordingreader.h"

#include "fleetscope/recording.pb.h"

#include <QFile>

namespace fleetscope {

namespace {
constexpr qint64 kMaxAbsDeltaMs = 10'000'000'000'000; // ~300 years: anything larger is damage
constexpr qint64 kMaxAbsTimeMs = 1'000'000'000'000'000; // year 33658

RecordingEndpoint fromProto(const recording::RecordedEndpoint &endpoint)
{
    return RecordingEndpoint {QString::fromStdString(endpoint.name()), QString::fromStdString(endpoint.protocol()),
        QString::fromStdString(endpoint.url())};
}
} // namespace

RecordingReader::RecordingReader() = default;
RecordingReader::~RecordingReader() = default;

bool RecordingReader::open(const QString &path)
{
    auto file = std::make_unique<QFile>(path);
    if (!file->open(QIODevice::ReadOnly)) {
        m_error = QStringLiteral("cannot read %1: %2").arg(path, file->errorString());
        return false;
    }
    m_owned = std::move(file);
    return open(m_owned.get());
}

bool RecordingReader::open(QIODevice *device)
{
    m_device = device;
    m_info = RecordingInfo();
    m_offset = 0;
    m_frames = 0;
    m_error.clear();
    return readHeader();
}

void RecordingReader::failAt(qint64 offset, const QString &why)
{
    m_error = QStringLiteral("%1 at byte %2 (after %3 frames)").arg(why).arg(offset).arg(m_frames);
}

RecordingReader::Read RecordingReader::readMessage(QByteArray *message)
{
    const qint64 start = m_offset;
    quint64 size = 0;
    int shift = 0;
    for (;;) {
        char byte = 0;
        if (!m_device->getChar(&byte)) {
            if (shift == 0)
                return Read::End; // a clean end: between two messages
            failAt(start, QStringLiteral("the file is cut short inside a size prefix"));
            return Read::Failed;
        }
        ++m_offset;
        size |= static_cast<quint64>(static_cast<unsigned char>(byte) & 0x7F) << shift;
        if ((static_cast<unsigned char>(byte) & 0x80) == 0)
            break;
        shift += 7;
        if (shift > 35) {
            failAt(start, QStringLiteral("damaged size prefix"));
            return Read::Failed;
        }
    }
    if (size > static_cast<quint64>(kMaxMessageBytes)) {
        failAt(start, QStringLiteral("damaged size prefix (%1 bytes claimed)").arg(size));
        return Read::Failed;
    }
    const auto length = static_cast<qint64>(size);
    if (!m_device->isSequential() && length > m_device->size() - m_device->pos()) {
        failAt(start,
            QStringLiteral("the file is cut short: a message of %1 bytes has only %2 left")
                .arg(length)
                .arg(m_device->size() - m_device->pos()));
        return Read::Failed;
    }
    *message = m_device->read(length);
    m_offset += message->size();
    if (message->size() != length) {
        failAt(start,
            QStringLiteral("the file is cut short: a message of %1 bytes has only %2")
                .arg(length)
                .arg(message->size()));
        return Read::Failed;
    }
    return Read::Ok;
}

bool RecordingReader::readHeader()
{
    QByteArray bytes;
    const Read read = readMessage(&bytes);
    if (read == Read::End) {
        m_error = QStringLiteral("empty file: not a Fleetscope recording");
        return false;
    }
    if (read == Read::Failed) {
        m_error = QStringLiteral("not a Fleetscope recording: ") + m_error;
        return false;
    }
    recording::RecordingHeader header;
    if (!header.ParseFromArray(bytes.constData(), static_cast<int>(bytes.size()))
        || header.format() != "fleetscope-recording") {
        m_error = QStringLiteral("not a Fleetscope recording (no recording header)");
        return false;
    }
    if (header.version() != 1) {
        m_error =
            QStringLiteral("recording format version %1 is not one this Fleetscope reads (1)").arg(header.version());
        return false;
    }
    m_info.version = header.version();
    m_info.startedMs = header.started_ms();
    m_info.fleetscopeVersion = QString::fromStdString(header.fleetscope_version());
    for (const auto &endpoint : header.endpoints())
        m_info.endpoints.append(fromProto(endpoint));
    m_lastT = m_info.startedMs;
    return true;
}

bool RecordingReader::next(RecordingFrame *out)
{
    if (!m_device || !m_error.isEmpty())
        return false;
    for (;;) {
        const qint64 start = m_offset;
        QByteArray bytes;
        const Read read = readMessage(&bytes);
        if (read != Read::Ok)
            return false;
        recording::RecordedFrame frame;
        if (!frame.ParseFromArray(bytes.constData(), static_cast<int>(bytes.size()))) {
            failAt(start, QStringLiteral("damaged frame"));
            return false;
        }
        if (frame.body_case() == recording::RecordedFrame::kEndpointAdded) {
            m_info.endpoints.append(fromProto(frame.endpoint_added()));
            continue;
        }
        if (frame.dt_ms() > kMaxAbsDeltaMs || frame.dt_ms() < -kMaxAbsDeltaMs) {
            failAt(start, QStringLiteral("damaged frame (time step of %1 ms)").arg(frame.dt_ms()));
            return false;
        }
        m_lastT += frame.dt_ms();
        if (m_lastT > kMaxAbsTimeMs || m_lastT < -kMaxAbsTimeMs) {
            failAt(start, QStringLiteral("damaged frame (time out of range)"));
            return false;
        }
        if (frame.body_case() == recording::RecordedFrame::BODY_NOT_SET)
            continue; // a kind of frame from a later version: skip it, keep the time
        if (frame.endpoint() >= static_cast<quint32>(m_info.endpoints.size())) {
            failAt(start,
                QStringLiteral("damaged frame (endpoint #%1 was never declared; the recording has %2)")
                    .arg(frame.endpoint())
                    .arg(m_info.endpoints.size()));
            return false;
        }
        out->endpointIndex = static_cast<int>(frame.endpoint());
        out->endpoint = m_info.endpoints.at(out->endpointIndex).name;
        out->frame = WireFrame();
        out->frame.t = m_lastT;
        out->frame.direction = frame.direction() == recording::RecordedFrame::DIRECTION_OUT ? WireFrame::Direction::Out
                                                                                            : WireFrame::Direction::In;
        out->frame.channel = QString::fromStdString(frame.channel());
        if (frame.body_case() == recording::RecordedFrame::kBinary) {
            out->frame.binary = true;
            out->frame.data = QByteArray(frame.binary().data(), static_cast<qsizetype>(frame.binary().size()));
        } else {
            out->frame.text = QString::fromUtf8(frame.text().data(), static_cast<qsizetype>(frame.text().size()));
        }
        ++m_frames;
        return true;
    }
}

} // namespace fleetscope
