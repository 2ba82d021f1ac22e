#pragma once

#include <QMetaType>
#include <QString>

namespace fleetscope {

// What the composer (or `fleetscope-cli send`) asks an endpoint to send: a target path and a
// payload whose meaning each protocol defines (docs/protocols/<p>.md#commands).
// The adapter validates it before anything goes out.
struct Command
{
    QString target;
    QString payload;
    quint64 id = 0; // assigned by the endpoint on send; replies carry it back
};

// The outcome of a Command: `ok` false when the adapter refused it or the server rejected it.
struct CommandReply
{
    quint64 id = 0;
    bool ok = false;
    bool refusedLocally = false; // the adapter refused it before anything was sent (bad payload)
    QString detail; // one line for people
    QString payload; // the raw reply, when there is one

    // It went out and succeeded.
    static CommandReply succeeded(quint64 id, const QString &detail, const QString &payload = QString())
    {
        return CommandReply {id, true, false, detail, payload};
    }
    // It failed: the server rejected it, no reply came, or it could not go out (not connected).
    static CommandReply failed(quint64 id, const QString &detail, const QString &payload = QString())
    {
        return CommandReply {id, false, false, detail, payload};
    }
    // The adapter refused it before anything was sent (a bad payload, an unknown target).
    static CommandReply refused(quint64 id, const QString &detail, const QString &payload = QString())
    {
        return CommandReply {id, false, true, detail, payload};
    }
};

} // namespace fleetscope

Q_DECLARE_METATYPE(fleetscope::Command)
Q_DECLARE_METATYPE(fleetscope::CommandReply)
