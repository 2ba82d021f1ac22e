#include "core/net/resttransport.h"

#include "core/net/tlspolicy.h"

#include <QNetworkReply>
#include <QSslConfiguration>
#include <QSslError>
#include <QTimer>

namespace fleetscope {

namespace {

// Same-origin redirects are followed at most this often (Qt's default is 50).
constexpr int kMaxRedirects = 5;
// What Qt may hold between two readyRead()s; the body itself is counted against the cap as it is
// read out, so memory stays near the cap whatever the server sends.
constexpr qint64 kReadBufferBytes = 1ll << 20;

QString origin(const QUrl &url)
{
    return QStringLiteral("%1://%2").arg(url.scheme().toLower(), TlsPolicy::where(url));
}

QString kindName(RestKind kind)
{
    switch (kind) {
    case RestKind::Session:
        return QStringLiteral("a login answer");
    case RestKind::Listing:
        return QStringLiteral("a listing");
    case RestKind::Data:
        break;
    }
    return QStringLiteral("a data answer");
}

QString mebibytes(qint64 bytes)
{
    return QString::number(static_cast<double>(bytes) / (1024.0 * 1024.0), 'f', 1);
}

} // namespace

struct RestTransport::Call
{
    QByteArray method;
    QUrl url; // as requested (redirects within its origin may change the reply's)
    RestKind kind = RestKind::Data;
    RestLimit limit {0, 0};
    Done done;
    QByteArray body;
    RestFailure failure = RestFailure::None;
    QString error;

    QString what() const { return QStringLiteral("%1 %2").arg(QString::fromLatin1(method), url.path()); }
};

RestTransport::RestTransport(const LinkOptions &options, std::shared_ptr<TlsPolicy> tls, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_tls(tls ? std::move(tls) : std::make_shared<TlsPolicy>(options))
{
    m_network.setParent(this); // moves with the owner to its thread
    m_network.setAutoDeleteReplies(false);
}

RestTransport::~RestTransport()
{
    cancelAll();
}

bool RestTransport::sameOrigin(const QUrl &a, const QUrl &b)
{
    return origin(a).compare(origin(b), Qt::CaseInsensitive) == 0;
}

void RestTransport::send(
    QNetworkRequest request, const QByteArray &method, const QByteArray &body, RestKind kind, Done done)
{
    auto call = std::make_shared<Call>();
    call->method = method;
    call->url = request.url();
    call->kind = kind;
    call->limit = m_options.rest.of(kind);
    call->done = std::move(done);

    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::UserVerifiedRedirectPolicy);
    request.setMaximumRedirectsAllowed(kMaxRedirects);
    if (m_options.connectTimeoutMs > 0)
        request.setTransferTimeout(m_options.connectTimeoutMs);
    if (call->url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0) {
        QSslConfiguration tls;
        QString error;
        if (!m_tls->configuration(&tls, &error)) {
            // Nothing goes out; the caller hears of it later, like of any other failure.
            call->failure = RestFailure::Tls;
            call->error = error;
            m_unsent.insert(call.get());
            QTimer::singleShot(0, this, [this, call] {
                if (!m_unsent.remove(call.get()))
                    return; // cancelled
                RestResponse response;
                response.failure = call->failure;
                response.error = call->error;
                call->done(response);
            });
            return;
        }
        request.setSslConfiguration(tls);
    }
    QNetworkReply *reply = m_network.sendCustomRequest(request, method, body);
    // Flow control: Qt's HTTP thread hands over at most this much until it is read. It must be set
    // once the reply has started (a request with a body, as sendCustomRequest makes every one,
    // starts from the event loop; a size set before that is lost, and an endless body then piles
    // up in Qt's queue, where neither readyRead nor the cap ever sees it: 880 MiB in 20 s).
    QMetaObject::invokeMethod(
        reply, [reply] { reply->setReadBufferSize(kReadBufferBytes); }, Qt::QueuedConnection);
    m_calls.insert(reply, call);
    watch(reply, call);
}

void RestTransport::watch(QNetworkReply *reply, const std::shared_ptr<Call> &call)
{
    connect(reply, &QNetworkReply::metaDataChanged, this, [this, reply, call] {
        bool known = false;
        const qint64 announced = reply->header(QNetworkRequest::ContentLengthHeader).toLongLong(&known);
        if (known && announced > call->limit.maxBodyBytes)
            refuse(reply, *call, RestFailure::TooLarge,
                QStringLiteral("the answer to %1 announced %2 MiB, over the %3 MiB limit for %4; the request was "
                               "aborted")
                    .arg(
                        call->what(), mebibytes(announced), mebibytes(call->limit.maxBodyBytes), kindName(call->kind)));
    });
    connect(reply, &QNetworkReply::readyRead, this, [this, reply, call] { onReadyRead(reply, *call); });
    connect(reply, &QNetworkReply::redirected, this, [this, reply, call](const QUrl &target) {
        if (sameOrigin(call->url, target)) {
            Q_EMIT reply->redirectAllowed();
            return;
        }
        refuse(reply, *call, RestFailure::Redirect,
            QStringLiteral("%1 was redirected to another origin (%2); Fleetscope follows redirects only within %3, "
                           "so that credentials never leave it")
                .arg(call->what(), origin(target), origin(call->url)));
    });
    connect(reply, &QNetworkReply::sslErrors, this, [this, reply, call](const QList<QSslError> &errors) {
        const TlsPolicy::Verdict verdict = m_tls->judge(errors, TlsPolicy::where(reply->url()));
        if (verdict.accept) {
            reply->ignoreSslErrors(errors);
            return;
        }
        call->failure = RestFailure::Tls;
        call->error = verdict.reason;
    });
    auto *deadline = new QTimer(reply);
    deadline->setSingleShot(true);
    connect(deadline, &QTimer::timeout, this, [this, reply, call] {
        refuse(reply, *call, RestFailure::Deadline,
            QStringLiteral("no complete answer to %1 within %2 s (the deadline for %3)")
                .arg(call->what())
                .arg(call->limit.deadlineMs / 1000.0)
                .arg(kindName(call->kind)));
    });
    deadline->start(call->limit.deadlineMs);
    connect(reply, &QNetworkReply::finished, this, [this, reply] { finish(reply); });
}

void RestTransport::onReadyRead(QNetworkReply *reply, Call &call)
{
    if (call.failure != RestFailure::None)
        return;
    call.body += reply->readAll();
    if (call.body.size() > call.limit.maxBodyBytes)
        refuse(reply, call, RestFailure::TooLarge,
            QStringLiteral("the answer to %1 passed the %2 MiB limit for %3; the request was aborted")
                .arg(call.what(), mebibytes(call.limit.maxBodyBytes), kindName(call.kind)));
}

void RestTransport::refuse(QNetworkReply *reply, Call &call, RestFailure failure, const QString &why)
{
    if (call.failure != RestFailure::None || !m_calls.contains(reply))
        return;
    call.failure = failure;
    call.error = why;
    reply->abort(); // finished() follows
}

void RestTransport::finish(QNetworkReply *reply)
{
    const auto found = m_calls.constFind(reply);
    if (found == m_calls.constEnd())
        return;
    const std::shared_ptr<Call> call = found.value();
    m_calls.erase(found);
    reply->disconnect(this);
    reply->deleteLater();
    if (call->failure == RestFailure::None)
        call->body += reply->readAll();

    RestResponse response;
    response.bytesReceived = call->body.size();
    if (call->failure == RestFailure::None && call->body.size() > call->limit.maxBodyBytes) {
        call->failure = RestFailure::TooLarge;
        call->error = QStringLiteral("the answer to %1 passed the %2 MiB limit for %3")
                          .arg(call->what(), mebibytes(call->limit.maxBodyBytes), kindName(call->kind));
    }
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (call->failure == RestFailure::None && status == 0) {
        const bool silent = reply->error() == QNetworkReply::OperationCanceledError;
        call->failure = silent ? RestFailure::Silence : RestFailure::Network;
        call->error = silent ? QStringLiteral("no answer within %1 s").arg(m_options.connectTimeoutMs / 1000.0)
                             : reply->errorString();
    }
    response.failure = call->failure;
    if (call->failure == RestFailure::None) {
        response.status = status;
        response.reasonPhrase = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
        response.body = std::move(call->body);
    } else {
        response.error = call->error;
    }
    call->done(response);
}

void RestTransport::cancelAll()
{
    m_unsent.clear();
    const auto calls = std::exchange(m_calls, {});
    for (auto it = calls.cbegin(); it != calls.cend(); ++it) {
        QNetworkReply *reply = it.key();
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

} // namespace fleetscope
