#include "tests/common/hostilehttpserver.h"

#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>

namespace fleetscope::test {

namespace {
constexpr qint64 kChunkBytes = 64 * 1024;
constexpr qint64 kMaxQueuedBytes = 1024 * 1024; // what the server queues before waiting for the client

QByteArray chunk(qint64 size)
{
    return QByteArray::number(size, 16) + "\r\n" + QByteArray(size, 'x') + "\r\n";
}
} // namespace

HostileHttpServer::HostileHttpServer(QObject *parent)
    : QObject(parent)
    , m_server(new QTcpServer(this))
{
    answerWith(200, "{}");
}

HostileHttpServer::~HostileHttpServer() = default;

void HostileHttpServer::setTls(const QSslConfiguration &configuration)
{
    auto *server = new QSslServer(this);
    server->setSslConfiguration(configuration);
    delete m_server;
    m_server = server;
    m_tls = true;
}

bool HostileHttpServer::listen()
{
    connect(m_server, &QTcpServer::pendingConnectionAvailable, this, &HostileHttpServer::onConnection);
    return m_server->listen(QHostAddress::LocalHost, 0);
}

quint16 HostileHttpServer::port() const
{
    return m_server->serverPort();
}

QUrl HostileHttpServer::url(const QString &path) const
{
    return QUrl(QStringLiteral("%1://127.0.0.1:%2%3")
                    .arg(m_tls ? QStringLiteral("https") : QStringLiteral("http"))
                    .arg(port())
                    .arg(path));
}

void HostileHttpServer::answerWith(int status, const QByteArray &body, const QByteArray &path)
{
    Answer answer;
    answer.fixed = "HTTP/1.1 " + QByteArray::number(status) + " Answer\r\nContent-Type: application/json\r\n"
        + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    m_answers.insert(path, answer);
}

void HostileHttpServer::redirectTo(const QUrl &location, const QByteArray &path)
{
    Answer answer;
    answer.fixed = "HTTP/1.1 302 Found\r\nLocation: " + location.toEncoded() + "\r\nContent-Length: 0\r\n\r\n";
    m_answers.insert(path, answer);
}

void HostileHttpServer::answerEndlessly(const QByteArray &path)
{
    Answer answer;
    answer.mode = Answer::Mode::Endless;
    m_answers.insert(path, answer);
}

void HostileHttpServer::trickle(int intervalMs, const QByteArray &path)
{
    Answer answer;
    answer.mode = Answer::Mode::Trickle;
    answer.trickleMs = intervalMs;
    m_answers.insert(path, answer);
}

void HostileHttpServer::onConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            ++m_closed;
            socket->deleteLater();
        });
        if (socket->bytesAvailable() > 0)
            onReadyRead(socket);
    }
}

void HostileHttpServer::onReadyRead(QTcpSocket *socket)
{
    QByteArray buffer = socket->property("buffer").toByteArray() + socket->readAll();
    for (;;) {
        const auto headEnd = buffer.indexOf("\r\n\r\n");
        if (headEnd < 0)
            break;
        const QList<QByteArray> lines = buffer.left(headEnd).split('\n');
        buffer.remove(0, headEnd + 4);
        Request request;
        const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
        request.method = first.value(0);
        request.target = first.value(1);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const auto colon = lines.at(i).indexOf(':');
            if (colon > 0)
                request.headers.insert(
                    lines.at(i).left(colon).trimmed().toLower(), lines.at(i).mid(colon + 1).trimmed());
        }
        // Bodies are skipped (the clients under test send small ones, or none).
        const qsizetype length = request.header("content-length").toLongLong();
        buffer.remove(0, std::min(length, buffer.size()));
        m_requests.append(request);
        const auto question = request.target.indexOf('?');
        const QByteArray path = question < 0 ? request.target : request.target.left(question);
        const Answer answer = m_answers.value(path, m_answers.value(QByteArray()));
        if (answer.mode == Answer::Mode::Fixed)
            socket->write(answer.fixed);
        else
            startStreaming(socket, answer);
    }
    socket->setProperty("buffer", buffer);
}

void HostileHttpServer::startStreaming(QTcpSocket *socket, const Answer &answer)
{
    socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
    socket->write(chunk(1).replace('x', '['));
    if (answer.mode == Answer::Mode::Endless) {
        connect(socket, &QTcpSocket::bytesWritten, this, [this, socket] { pump(socket); });
        pump(socket);
        return;
    }
    auto *timer = new QTimer(socket);
    connect(timer, &QTimer::timeout, this, [this, socket] {
        socket->write(chunk(16));
        m_bodyBytesSent += 16;
    });
    timer->start(answer.trickleMs);
}

void HostileHttpServer::pump(QTcpSocket *socket)
{
    while (socket->state() == QAbstractSocket::ConnectedState && socket->bytesToWrite() < kMaxQueuedBytes) {
        socket->write(chunk(kChunkBytes));
        m_bodyBytesSent += kChunkBytes;
    }
}

} // namespace fleetscope::test
