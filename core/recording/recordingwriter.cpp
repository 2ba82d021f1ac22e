#include "core/recording/recordingwriter.h"

#include "core/util/secretmasker.h"
#include "fleetscope/recording.pb.h"
#include "fleetscope_version.h"

namespace fleetscope {

namespace {
void fill(recording::RecordedEndpoint *out, const RecordingEndpoint &endpoint)
{
    out->set_name(endpoint.name.toStdString());
    out->set_protocol(endpoint.protocol.toStdString());
    out->set_url(endpoint.url.toStdString());
}
} // namespace

RecordingWriter::RecordingWriter(std::shared_ptr<const SecretMasker> masker)
    : m_masker(std::move(masker))
{ }

RecordingWriter::~RecordingWriter()
{
    close();
}

RecordingEndpoint RecordingWriter::masked(const RecordingEndpoint &endpoint) const
{
    RecordingEndpoint out = endpoint;
    if (m_masker)
        out.url = m_masker->mask(out.url);
    return out;
}

bool RecordingWriter::open(const QString &path, const RecordingInfo &info, QString *error)
{
    close();
    m_error.clear();
    m_file.setFileName(path);
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, m_file.errorString());
        return false;
    }
    recording::RecordingHeader header;
    header.set_version(1);
    header.set_started_ms(info.startedMs);
    header.set_fleetscope_version(
        info.fleetscopeVersion.isEmpty() ? std::string(FLEETSCOPE_VERSION) : info.fleetscopeVersion.toStdString());
    header.set_format("fleetscope-recording");
    for (const RecordingEndpoint &endpoint : info.endpoints)
        fill(header.add_endpoints(), masked(endpoint));
    m_endpointCount = static_cast<int>(info.endpoints.size());
    m_lastT = info.startedMs;
    m_frames = 0;
    m_bytes = 0;
    if (!writeMessage(header.SerializeAsString()) || !flush()) {
        *error = m_error;
        m_file.close();
        return false;
    }
    return true;
}

bool RecordingWriter::writeMessage(const std::string &bytes)
{
    if (!m_error.isEmpty() || !m_file.isOpen())
        return false;
    // The varint size prefix of protobuf's length-delimited streams.
    char prefix[10];
    int n = 0;
    auto size = static_cast<quint64>(bytes.size());
    do {
        prefix[n++] = static_cast<char>((size & 0x7F) | (size > 0x7F ? 0x80 : 0));
        size >>= 7;
    } while (size != 0);
    if (m_file.write(prefix, n) != n
        || m_file.write(bytes.data(), static_cast<qint64>(bytes.size())) != static_cast<qint64>(bytes.size())) {
        m_error = QStringLiteral("cannot write %1: %2").arg(m_file.fileName(), m_file.errorString());
        return false;
    }
    m_bytes += n + static_cast<qint64>(bytes.size());
    return true;
}

int RecordingWriter::addEndpoint(const RecordingEndpoint &endpoint)
{
    recording::RecordedFrame frame;
    frame.set_endpoint(static_cast<quint32>(m_endpointCount));
    fill(frame.mutable_endpoint_added(), masked(endpoint));
    writeMessage(frame.SerializeAsString());
    return m_endpointCount++;
}

bool RecordingWriter::write(int endpointIndex, const WireFrame &wire)
{
    if (endpointIndex < 0 || endpointIndex >= m_endpointCount)
        return false;
    recording::RecordedFrame frame;
    frame.set_dt_ms(wire.t - m_lastT);
    m_lastT = wire.t;
    frame.set_endpoint(static_cast<quint32>(endpointIndex));
    frame.set_direction(wire.direction == WireFrame::Direction::Out ? recording::RecordedFrame::DIRECTION_OUT
                                                                    : recording::RecordedFrame::DIRECTION_IN);
    if (!wire.channel.isEmpty())
        frame.set_channel(wire.channel.toStdString());
    if (wire.binary) {
        const QByteArray data = m_masker ? m_masker->maskBytes(wire.data) : wire.data;
        frame.set_binary(data.constData(), static_cast<size_t>(data.size()));
    } else {
        const QByteArray text = (m_masker ? m_masker->mask(wire.text) : wire.text).toUtf8();
        frame.set_text(text.constData(), static_cast<size_t>(text.size()));
    }
    if (!writeMessage(frame.SerializeAsString()))
        return false;
    ++m_frames;
    return true;
}

bool RecordingWriter::flush()
{
    if (!m_file.isOpen())
        return false;
    if (!m_file.flush()) {
        m_error = QStringLiteral("cannot write %1: %2").arg(m_file.fileName(), m_file.errorString());
        return false;
    }
    return m_error.isEmpty();
}

void RecordingWriter::close()
{
    if (!m_file.isOpen())
        return;
    m_file.flush();
    m_file.close();
}

} // namespace fleetscope
