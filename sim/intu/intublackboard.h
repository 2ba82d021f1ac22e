#pragma once

#include "sim/intu/intucadence.h"
#include "sim/intu/intunode.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QRandomGenerator>

namespace fleetscope::sim::intu {

// One instance's blackboard: things under the perception, cognitive and models roots, each
// change published on `blackboard-stream` (add_object, set_object_state, remove_object; a
// recv_state snapshot for a new subscriber; a bare data_changed) and, for clients that asked with
// subscribe_to_type, addressed to them on `blackboard` in the shapes of the server's
// RemoteSubscriber (`type` added; set_object_state without the thing; data_changed with it). A Say is spoken: it goes ADDED →
// PROCESSING (its text appears on `conversation`) → COMPLETED; a Gesture runs or FAILS with a
// Failure thing; heard text becomes a Text thing and gets a Say in reply.
//
// Threading: the simulator's thread. Publishes through its node (not owned).
class IntuBlackboard : public QObject
{
    Q_OBJECT

public:
    IntuBlackboard(IntuNode *node, const IntuCadence &cadence, QRandomGenerator *random, QObject *parent = nullptr);

    QJsonObject snapshot() const; // the recv_state event
    QString add(QJsonObject thing, const QString &parentGuid = QString());
    void setState(const QString &guid, const QString &state);
    void remove(const QString &guid);
    void setImportance(const QString &guid, double importance);
    // Replaces a thing's m_Data (IThing::SetData): a data_changed event.
    void setData(const QString &guid, const QJsonObject &data);
    // A command published to `blackboard` by `origin`.
    void command(const QJsonObject &event, const QString &origin);
    void say(const QString &text);
    // User speech: a Text thing, the text on `conversation` unless it is there already, a reply.
    void hear(const QString &text, double confidence, bool alreadyOnConversation);
    // Forgets subscribe_to_type requests of a client that left.
    void forgetOrigin(const QString &originPrefix);

    int thingCount() const { return static_cast<int>(m_order.size()); }
    QString guidOfLast(const QString &type) const;

    static constexpr int kMaxThings = 64;
    static const QStringList &knownGestures();

private:
    struct Thing
    {
        QJsonObject json; // without m_Children
        QString parent;
    };

    // The server's ThingEventType bits, as subscribe_to_type's event_mask uses them.
    enum class ThingEvent { Added = 0x1, Removed = 0x2, State = 0x4, Importance = 0x8, Guid = 0x10, Data = 0x20 };
    struct TypeSubscriber
    {
        QString origin;
        QString type;
        int mask = 0;
    };

    // `event` on blackboard-stream; `remote` (plus `type`) to the matching type subscribers.
    void publish(ThingEvent kind, const QJsonObject &event, const QString &type, const QJsonObject &remote);
    QJsonObject subtree(const QString &guid) const;
    QString rootFor(const QString &type) const;
    void perform(const QString &guid);
    QString replyTo(const QString &heard) const;

    IntuNode *m_node;
    IntuCadence m_cadence;
    QRandomGenerator *m_random;
    QHash<QString, Thing> m_things;
    QStringList m_order; // non-root things, oldest first (evicted beyond kMaxThings)
    QString m_perception;
    QString m_cognitive;
    QString m_models;
    QVector<TypeSubscriber> m_typeSubscribers;
};

} // namespace fleetscope::sim::intu
