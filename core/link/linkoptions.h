#pragma once

#include "core/net/restlimits.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace fleetscope {

// How a WebSocketLink connects, keeps alive and retries, the endpoint's TLS policy and its REST
// requests' limits. Plain data: the UI's connection dialog and the CLI's flags fill it; the link
// never reads settings itself.
struct LinkOptions
{
    int connectTimeoutMs = 10000;
    int pingIntervalMs = 30000; // 0 disables keepalive; a dead link is detected within two intervals
    int initialBackoffMs = 500; // first retry comes within 1 s (jitter included)
    int maxBackoffMs = 30000; // user-settable cap
    bool reconnect = true; // reconnect after a drop
    bool retryFirstConnect = true; // false: a failed first attempt is final ("could not connect")
    bool adapterReopens = false; // true: when a retry is due the link emits reopenDue() and the
        // adapter calls open() itself (e.g. OpenTera logs in again first)
    int stableAfterMs = 30000; // the backoff starts again from the initial delay only after the
        // link stayed ready this long (a server that accepts and then closes is retried ever slower)
    bool insecure = false; // accept an untrusted TLS certificate once and pin it (TlsPolicy)
    QString caFile; // extra CA certificate(s), PEM
    QStringList pinnedCertificates; // SHA-256 fingerprints of untrusted certificates accepted before
    quint64 maxMessageBytes = 64ull * 1024 * 1024; // larger messages are refused by the socket
    QList<QPair<QByteArray, QByteArray>> headers; // extra upgrade request headers
    RestLimits rest; // body caps and deadlines of the endpoint's REST requests (RestTransport)
};

} // namespace fleetscope
