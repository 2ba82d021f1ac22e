#include "core/protocols/cityio/cityioendpoint.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>

// CityioEndpoint's command path: a composed command is prepared (cityiocommand), routed to a
// project's socket, the module or core socket, or REST, and finished with the reply, its echo, or
// a timeout. The rest of the class (connection, sockets, what arrives) is in cityioendpoint.cpp.
namespace fleetscope::cityio {

void CityioEndpoint::send(const Command &incoming)
{
    const quint64 id = incoming.id ? incoming.id : nextCommandId();
    PreparedCommand prepared;
    QString error;
    if (!prepareCommand(incoming, &prepared, &error)) {
        settleCommand(CommandReply::refused(id, error), incoming.target);
        return;
    }
    const QString path = prepared.route == PreparedCommand::Route::Project ? CityioTree::projectPath(prepared.project)
        : prepared.route == PreparedCommand::Route::Module                 ? QString(kModuleChannel)
        : prepared.route == PreparedCommand::Route::Core                   ? QString(kCoreChannel)
                                                                           : QString();
    whenReady([this, id, prepared, path](bool ok, const QString &why) {
        if (!ok) {
            settleCommand(CommandReply::failed(id, why), path);
            return;
        }
        if (prepared.route == PreparedCommand::Route::Rest)
            sendRest(id, prepared);
        else
            sendOnChannel(id, prepared, path);
    });
}

void CityioEndpoint::sendOnChannel(quint64 id, PreparedCommand prepared, const QString &path)
{
    // A project's socket is opened (with LISTEN) on demand and stays open; commands wait for its
    // snapshot, so that ${geogriddata} and the whole-grid check see the current grid.
    const QString key = prepared.route == PreparedCommand::Route::Project ? prepared.project
        : prepared.route == PreparedCommand::Route::Module                ? QString(kModuleChannel)
                                                                          : QString(kCoreChannel);
    CityioChannel *target = channel(key, true);
    if (prepared.route == PreparedCommand::Route::Project)
        m_commandChannels.insert(id, key);
    QPointer<CityioChannel> guard(target);
    target->whenLive([this, id, prepared, path, guard](bool ok, const QString &why) mutable {
        if (!ok || !guard) {
            QString detail = why.isEmpty() ? QStringLiteral("the socket closed") : why;
            if (prepared.route == PreparedCommand::Route::Project && !m_projects.isEmpty()
                && !m_projects.contains(prepared.project))
                detail += QStringLiteral(" (the server lists %1)").arg(m_projects.join(QLatin1String(", ")));
            settleCommand(CommandReply::failed(id, detail), path);
            return;
        }
        QString error;
        if (!finishPayload(&prepared, m_tree.grid(prepared.project), m_tree.hasGrid(prepared.project), &error)) {
            settleCommand(CommandReply::refused(id, error), path);
            return;
        }
        if (!guard->send(prepared.payload)) {
            settleCommand(CommandReply::failed(id, QStringLiteral("the socket is not open")), path);
            return;
        }
        if (!prepared.greetingKey.isEmpty())
            guard->setGreeting(prepared.greetingKey, prepared.greetingRemoves ? QString() : prepared.payload);
        if (prepared.replies.isEmpty()) {
            QString detail = QStringLiteral("%1 sent (CityIO sends no reply)").arg(prepared.type);
            if (!prepared.note.isEmpty())
                detail = QStringLiteral("%1 sent; %2").arg(prepared.type, prepared.note);
            settleCommand(CommandReply::succeeded(id, detail, prepared.payload), path);
            return;
        }
        PendingCommand pending;
        pending.path = path;
        pending.type = prepared.type;
        pending.soft = prepared.softReply;
        if (prepared.type == QLatin1String("UPDATE_GRID"))
            pending.sentGrid = QJsonDocument::fromJson(prepared.payload.toUtf8())
                                   .object()
                                   .value(QLatin1String("content"))
                                   .toObject()
                                   .value(QLatin1String("geogriddata"))
                                   .toArray();
        m_commands.insert(id, pending);
        guard->expectReply(id, prepared.replies, m_replyTimeoutMs);
    });
}

void CityioEndpoint::onReplyTimedOut(quint64 id)
{
    const PendingCommand command = m_commands.value(id);
    const QString within = QStringLiteral("%1 s").arg(m_replyTimeoutMs / 1000.0);
    if (command.soft)
        settleCommand(CommandReply::succeeded(id,
                          QStringLiteral("%1 sent; no echo within %2 (CityIO may not echo to the sender)")
                              .arg(command.type, within)),
            command.path);
    else
        settleCommand(CommandReply::failed(id,
                          QStringLiteral("no reply to %1 within %2 (CityIO drops what it does not accept without an "
                                         "answer)")
                              .arg(command.type, within)),
            command.path);
}

void CityioEndpoint::sendRest(quint64 id, const PreparedCommand &prepared)
{
    m_rest.request(prepared.method, prepared.path, prepared.body, [this, id](const RestReply &reply) {
        // Events of table paths go to the topic they name (volpe/GEOGRID); others to the endpoint.
        QString path;
        if (reply.path.startsWith(QLatin1String("table/")))
            path = reply.path.mid(6);
        const QString detail = QStringLiteral("%1 %2: %3").arg(reply.method, reply.path, reply.describe());
        settleCommand(CommandReply {id, reply.isSuccess(), false, detail, QString::fromUtf8(reply.body)}, path,
            reply.isNoContent() ? Severity::Warning : Severity::Error);
    });
}

void CityioEndpoint::settleCommand(const CommandReply &reply, const QString &path, Severity failure)
{
    m_commands.remove(reply.id);
    const QString project = m_commandChannels.take(reply.id);
    if (!project.isEmpty())
        closeIfTransient(project);
    finishCommand(reply, path, failure);
}

} // namespace fleetscope::cityio
