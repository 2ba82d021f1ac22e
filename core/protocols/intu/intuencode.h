#pragma once

#include "core/model/command.h"
#include "core/protocols/intu/intumessage.h"

#include <QString>
#include <QStringList>

namespace fleetscope::intu {

// Frames a console sends (docs/protocols/intu.md#messages, #commands). Compact JSON; `data` and
// `request` always strings (an object in `data` makes the real server throw on its main thread).
QString ownOrigin(const QString &selfId); // "<selfId>/."
QString encodeQuery(const QString &target, const QString &request, const QString &selfId);
QString encodeSubscribe(const QStringList &targets, const QString &selfId);
QString encodeUnsubscribe(const QStringList &targets, const QString &selfId);
QString encodePublishAt(const QString &target, const QString &data, const QString &selfId);
// What a console answers when a node queries it: a node without topics or children, addressed to
// the query's origin less its leading "../"; empty when the origin does not start with "../".
QString encodeQueryAnswer(const Message &query, const QString &selfId);

// A composer command, ready to go: one publish_at, or a raw envelope (a payload object with
// `msg`, sent as is with `origin` filled in when missing).
struct OutgoingCommand
{
    QString frame;
    QString kind; // "publish_at", or the raw envelope's msg
    QString path; // the target path, for the event that reports the send
};

// False with *error when the command cannot be sent as it is (nothing goes out).
bool encodeCommand(const Command &command, const QString &selfId, OutgoingCommand *out, QString *error);

// The largest frame the real server is known to take (docs/protocols/intu.md#quirks).
constexpr qsizetype kMaxOutgoingBytes = 512 * 1024;

} // namespace fleetscope::intu
