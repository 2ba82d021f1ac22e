#pragma once

#include "core/endpoint/endpoint.h"
#include "core/link/websocketlink.h"
#include "core/protocols/exosite/exositereplay.h"
#include "core/protocols/exosite/exositerpc.h"
#include "core/protocols/exosite/exositetree.h"

#include <QHash>
#include <QPointer>

#include <functional>

namespace fleetscope::exosite {

// An Exosite One Platform connection (docs/protocols/exosite.md): authenticates once per
// socket with a CIK (or token), browses the ownership tree, subscribes with a history read first
// and then live updates, restores subscriptions after a reconnect (reading the gap), and sends
// composer frames or plain writes.
//
// Threading: see Endpoint.
class ExositeEndpoint : public Endpoint
{
    Q_OBJECT

public:
    explicit ExositeEndpoint(const EndpointConfig &config, QObject *parent = nullptr);
    ~ExositeEndpoint() override;

    LinkCounters counters() const override { return m_link.counters(); }

    void open() override;
    void close() override;
    void browse() override;
    void subscribe(const QString &path) override;
    void unsubscribe(const QString &path) override;
    void send(const fleetscope::Command &command) override;

    // Replay: frames of a recorded session go through ExositeReplay (replies paired with the
    // recorded calls), never through a socket.
    void replayFrame(const QString &text) override;
    void replayBinaryFrame(const QByteArray &data) override;
    void replaySentFrame(const QString &text) override;

    // How many points a new subscription reads back before live updates.
    static constexpr int kBackfillPoints = 100;

private:
    enum class Phase { Down, Authenticating, Ready };
    struct Subscription
    {
        qint64 subsId = 0;
        qint64 lastTs = 0; // ms of the newest point seen
        bool active = false;
    };

    QString authFrame() const;
    void onOpened();
    void onText(const QString &text);
    void onDropped(int code, const QString &reason);
    void onLinkState(const LinkStatus &status);
    void onAuthFrame(const Frame &frame, const QString &raw);
    void handleResponses(const Frame &frame, const QString &raw);
    void afterBrowse(std::function<void()> then);
    void startBrowse();
    void onResource(const Resource &resource);
    void startSubscription(const QString &path);
    void subscribeLive(const QString &path);
    void ingest(const Resource &resource, const QVector<Point> &points, const QString &raw);
    void fail(LinkReason why, const QString &reason, const QString &raw = QString());
    void reportBinaryFrame(const QByteArray &data);
    ExositeReplay *replay();
    QStringList dataResourcesUnder(const QString &path) const;
    bool expandPlaceholders(QString *payload, const QString &rid, QString *error);
    void finishCommand(
        quint64 id, bool ok, const QString &detail, const QString &payload, const QString &path, bool local = false);

    WebSocketLink m_link;
    Rpc m_rpc;
    Phase m_phase = Phase::Down;
    bool m_everReady = false;
    QPointer<TreeBrowser> m_browser;
    bool m_browsed = false;
    QVector<std::function<void()>> m_afterBrowse;
    QHash<QString, Resource> m_byPath;
    QString m_rootName;
    QHash<QString, Subscription> m_subs;
    QHash<QString, QString> m_pathBySubsKey;
    qint64 m_nextSubsId = 1000000; // disjoint from call ids
    ExositeReplay *m_replay = nullptr; // created on the first replayed frame
};

} // namespace fleetscope::exosite
