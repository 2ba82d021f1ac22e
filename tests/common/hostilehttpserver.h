#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QUrl>
#include <QVector>

class QSslConfiguration;
class QTcpServer;
class QTcpSocket;

namespace fleetscope::test {

// An HTTP/1.1 server on 127.0.0.1 (port 0) that plays a hostile or broken REST server: it records
// every request it receives (method, target, headers) and answers each the way it is told: a
// fixed response, a redirect elsewhere, an endless chunked body (written as fast as the client
// takes it), or a trickle (a small chunk every interval, so that no silence timeout ever fires).
// Plain TCP or TLS (setTls). Owned by the test; threading: the test's thread.
class HostileHttpServer : public QObject
{
    Q_OBJECT

public:
    struct Request
    {
        QByteArray method;
        QByteArray target; // path and query as sent
        QHash<QByteArray, QByteArray> headers; // names lower-cased
        QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
    };

    explicit HostileHttpServer(QObject *parent = nullptr);
    ~HostileHttpServer() override;

    void setTls(const QSslConfiguration &configuration); // before listen()
    bool listen();
    quint16 port() const;
    QUrl url(const QString &path = QString()) const; // http(s)://127.0.0.1:port + path

    // How to answer requests for `path` (without the query); an empty path: every other request.
    void answerWith(int status, const QByteArray &body, const QByteArray &path = QByteArray());
    void redirectTo(const QUrl &location, const QByteArray &path = QByteArray());
    void answerEndlessly(const QByteArray &path = QByteArray()); // 200, chunked, never ends
    // 200, chunked, 16 bytes every interval, never ends.
    void trickle(int intervalMs, const QByteArray &path = QByteArray());

    QVector<Request> requests() const { return m_requests; }
    // Body bytes written to clients so far (endless and trickle answers).
    qint64 bodyBytesSent() const { return m_bodyBytesSent; }
    // Connections whose client went away (an aborted request closes its connection).
    int closedConnections() const { return m_closed; }

private:
    struct Answer
    {
        enum class Mode { Fixed, Endless, Trickle };
        Mode mode = Mode::Fixed;
        QByteArray fixed; // the whole response in Fixed mode
        int trickleMs = 100;
    };
    void onConnection();
    void onReadyRead(QTcpSocket *socket);
    void startStreaming(QTcpSocket *socket, const Answer &answer);
    void pump(QTcpSocket *socket);

    QTcpServer *m_server = nullptr;
    bool m_tls = false;
    QHash<QByteArray, Answer> m_answers; // by path; "" for the others
    QVector<Request> m_requests;
    qint64 m_bodyBytesSent = 0;
    int m_closed = 0;
};

} // namespace fleetscope::test
