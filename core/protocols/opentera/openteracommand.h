#pragma once

#include "core/model/command.h"

#include <QByteArray>
#include <QString>

#include <functional>

namespace fleetscope::opentera {

// A composer command as the REST call it stands for (docs/protocols/opentera.md#commands).
struct RestCommand
{
    QByteArray method; // GET, POST, PUT, DELETE, PATCH
    QString pathAndQuery; // "/api/user/disconnect?device_uuid=…"
    QByteArray body; // JSON, or empty
    QString entityPath; // the topic a ${uuid:<path>} named, for the reply's event
};

// Reads a Command: target "METHOD /path?query" (a bare "/path" is GET, or POST with a payload),
// payload the JSON body. ${uuid:<topic path>} in either becomes that entity's or session's UUID
// through `uuidAt`; any other ${…} left in is refused, so nothing half-filled is sent.
// Returns false with *error when the command is refused locally.
bool parseCommand(
    const Command &command, const std::function<QString(const QString &)> &uuidAt, RestCommand *out, QString *error);

} // namespace fleetscope::opentera
