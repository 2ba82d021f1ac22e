#pragma once

#include "core/model/event.h"
#include "core/model/topic.h"
#include "core/protocols/intu/intumessage.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <functional>

namespace fleetscope::intu {

// Walks the node tree the way docs/protocols/intu.md#topics says: `query` the connected node,
// then each child (`<childId>/.`) and the parent (`../.`) and its other children. It reports what
// it finds as protocol data (a node's answer, a child about to be asked); NodeTree makes the
// topics. Children are every connection of a node: the console's own id and the connected node
// (seen again from its parent) are skipped, and a node answers only once per browse, so the walk
// never loops. The server has no query timeout; a child that does not answer (another console,
// say) is given up after `timeoutMs` and stays an empty folder.
//
// Threading: the endpoint's thread. Owned by the endpoint, which feeds it the replies.
class TreeBrowser : public QObject
{
    Q_OBJECT

public:
    using QuerySender = std::function<bool(const QString &target, const QString &request)>;

    TreeBrowser(QuerySender send, const QString &consoleId, int timeoutMs, QObject *parent = nullptr);

    // Queries everything reachable; finished() follows when all queries are answered or given up.
    void browseAll();
    // Queries one node again (it just connected): its folder and topics are reported again.
    void refresh(const QString &nodePath);
    // Forgets pending queries (the socket is gone). Returns whether a browse was running.
    bool reset();
    // Consume the reply if it answers one of our queries.
    bool handleResponse(const Message &message);
    bool handleNoRoute(const Message &message);

    // Replay: the recorded session sent query `request` to the node at `prefix` (its answer is
    // handled as one of this browser's own). From the first call on, the browser sends nothing:
    // the recording's own queries drive the walk, and nothing times out.
    void expectAnswer(const QString &request, const QString &prefix);
    // The console's own id (skipped among a node's children), when it is learnt late (replay).
    void setConsoleId(const QString &consoleId) { m_consoleId = consoleId; }

    bool isBrowsing() const { return m_browsing; }
    QString rootSelfId() const { return m_rootSelfId; }

    static constexpr int kMaxDepth = 3;
    // Replay: queries remembered while waiting for their answer; a hostile recording cannot grow
    // it further (the older ones are forgotten and their answers show as plain events).
    static constexpr int kMaxReplayQueries = 100000;
    static QString nodePath(const QString &prefix);
    // What a node's folder is: another instance (a child, the parent) is a device, the connected
    // node's own folder ("") a folder.
    static NodeKind nodeKindAt(const QString &path);

Q_SIGNALS:
    // The node at `prefix` ("" for the connected node, "pepper-7f3a/", "../") answered.
    void nodeAnswered(const QString &prefix, const fleetscope::intu::NodeInfo &node);
    // A child of an answered node (or its parent, "..") that the walk asks next.
    void childFound(const QString &path, const QString &selfId);
    void problem(fleetscope::Severity severity, const QString &path, const QString &summary);
    void finished(bool ok, const QString &detail);

private:
    struct Pending
    {
        QString prefix; // "" for the connected node, "pepper-7f3a/", "../"
        qint64 deadlineMs = 0;
    };

    void query(const QString &prefix);
    void begin();
    void walkNode(const QString &prefix, const NodeInfo &node);
    void onTick();
    void settle();

    QuerySender m_send;
    QString m_consoleId;
    int m_timeoutMs;
    QHash<QString, Pending> m_pending; // by request id
    QSet<QString> m_queried; // prefixes asked during this browse
    QSet<QString> m_seenIds; // nodes that answered during this browse
    QString m_rootSelfId;
    quint64 m_lastRequest = 0;
    QTimer m_tick;
    bool m_browsing = false;
    bool m_rootFailed = false;
    bool m_replaying = false;
    int m_nodes = 0;
    int m_topics = 0;
};

} // namespace fleetscope::intu
