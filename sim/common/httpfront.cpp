#include "sim/common/httpfront.h"

#include <QSslServer>
#include <QSslSocket>
#include <QTcpSocket>
#include <QUrl>
#include <QWebSocket>

namespace fleetscope::sim {

namespace {
QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 101:
        return "Switching Protocols";
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 413:
        return "Payload Too Large";
    case 426:
        return "Upgrade Required";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    default:
        return "Status";
    }
}
} // namespace

bool HttpRequest::isWebSocketUpgrade() const
{
    return header("upgrade").toLower().contains("websocket");
}

HttpResponse HttpResponse::json(int status, const QByteArray &body)
{
    return HttpResponse {status, "application/json", body, {}};
}

HttpResponse HttpResponse::text(int status, const QByteArray &body)
{
    return HttpResponse {status, "text/plain; charset=utf-8", body, {}};
}

HttpFront::HttpFront(QObject *parent)
    : QObject(parent)
    , m_ws(QStringLiteral("fleetscope-sim"), QWebSocketServer::NonSecureMode)
{
    m_server = new QTcpServer(this);
    connect(&m_ws, &QWebSocketServer::newConnection, this, &HttpFront::onWebSocket);
}

HttpFront::~HttpFront() = default;

void HttpFront::setTls(const QSslConfiguration &configuration)
{
    auto *server = new QSslServer(this);
    server->setSslConfiguration(configuration);
    delete m_server;
    m_server = server;
    m_tls = true;
}

bool HttpFront::listen(const QHostAddress &address, quint16 port, QString *error)
{
    connect(m_server, &QTcpServer::pendingConnectionAvailable, this, &HttpFront::onNewConnection);
    if (!m_server->listen(address, port)) {
        *error = m_server->errorString();
        return false;
    }
    return true;
}

quint16 HttpFront::port() const
{
    return m_server->serverPort();
}

void HttpFront::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        if (socket->bytesAvailable())
            onReadyRead(socket);
    }
}

bool HttpFront::parseHead(const QByteArray &head, HttpRequest *request)
{
    const QList<QByteArray> lines = head.split('\n');
    if (lines.isEmpty())
        return false;
    const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
    if (requestLine.size() < 3)
        return false;
    request->method = requestLine.at(0);
    const QUrl url(QString::fromLatin1(requestLine.at(1)));
    request->path = url.path();
    request->query = QUrlQuery(url);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const auto colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        request->headers.insert(line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed());
    }
    return true;
}

void HttpFront::onReadyRead(QTcpSocket *socket)
{
    // Requests are parsed by peeking, so that an upgrade can be handed to QWebSocketServer with
    // its handshake still unread.
    while (socket->bytesAvailable() > 0) {
        const QByteArray peeked = socket->peek(kMaxHeaderBytes + 4);
        const auto headEnd = peeked.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            if (peeked.size() > kMaxHeaderBytes) {
                writeResponse(socket, HttpResponse::text(413, "Request header too large"), true);
            }
            return;
        }
        HttpRequest request;
        if (!parseHead(peeked.left(headEnd), &request)) {
            writeResponse(socket, HttpResponse::text(400, "Bad request"), true);
            return;
        }
        if (request.isWebSocketUpgrade()) {
            HttpResponse refusal {404, "text/plain", "Not found", {}};
            if (m_upgrade && m_upgrade(request, &refusal)) {
                socket->disconnect(this);
                disconnect(socket, nullptr, this, nullptr);
                m_upgrading.insert(request.header("sec-websocket-key"), request);
                m_upgradingTransports.insert(request.header("sec-websocket-key"), socket);
                m_ws.handleConnection(socket);
            } else {
                socket->read(headEnd + 4);
                writeResponse(socket, refusal, true);
            }
            return;
        }
        const qint64 length = request.header("content-length").toLongLong();
        if (length > kMaxBodyBytes) {
            writeResponse(socket, HttpResponse::text(413, "Body too large"), true);
            return;
        }
        if (socket->bytesAvailable() < headEnd + 4 + length)
            return; // wait for the rest of the body
        socket->read(headEnd + 4);
        request.body = socket->read(length);
        const HttpResponse response = m_rest ? m_rest(request) : HttpResponse::text(404, "Not found");
        const bool close = request.header("connection").toLower() == "close";
        writeResponse(socket, response, close);
        if (close)
            return;
    }
}

void HttpFront::writeResponse(QTcpSocket *socket, const HttpResponse &response, bool close)
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
    if (response.status != 204 && response.status != 101) {
        out += "Content-Type: " + response.contentType + "\r\n";
        out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    }
    bool hasConnection = false;
    for (const auto &header : response.headers) {
        out += header.first + ": " + header.second + "\r\n";
        hasConnection = hasConnection || header.first.compare("connection", Qt::CaseInsensitive) == 0;
    }
    // A response that names its own Connection (a hand-made upgrade) keeps it.
    if (close && !hasConnection)
        out += "Connection: close\r\n";
    out += "\r\n";
    if (response.status != 204)
        out += response.body;
    socket->write(out);
    if (close)
        socket->disconnectFromHost();
}

QTcpSocket *HttpFront::transportOf(QWebSocket *socket) const
{
    return m_transports.value(socket);
}

void HttpFront::onWebSocket()
{
    while (QWebSocket *socket = m_ws.nextPendingConnection()) {
        const QByteArray key = socket->request().rawHeader("Sec-WebSocket-Key");
        HttpRequest request = m_upgrading.take(key);
        m_transports.insert(socket, m_upgradingTransports.take(key));
        connect(socket, &QObject::destroyed, this, [this, socket] { m_transports.remove(socket); });
        if (request.method.isEmpty()) {
            // Fall back to what the socket itself knows.
            request.method = "GET";
            request.path = socket->requestUrl().path();
            request.query = QUrlQuery(socket->requestUrl());
        }
        socket->setParent(nullptr);
        Q_EMIT webSocketOpened(socket, request);
    }
}

} // namespace fleetscope::sim
