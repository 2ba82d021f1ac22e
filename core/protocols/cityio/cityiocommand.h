#pragma once

#include "core/model/command.h"
#include "core/protocols/cityio/cityiomessage.h"

#include <QByteArray>
#include <QJsonArray>
#include <QSet>
#include <QString>

namespace fleetscope::cityio {

// A composer command checked and routed per docs/protocols/cityio.md#commands, before anything is
// sent: target `<project>` (or a path under it) → that project's /interface socket, `@module`,
// `@core`, or `@rest` → an HTTP request {"method","path","body"}. The payload is the whole
// envelope, sent verbatim after `${project}` (the target's project) and `${geogriddata}` (its
// current cell array) are filled in.
struct PreparedCommand
{
    enum class Route { Project, Module, Core, Rest };
    Route route = Route::Project;
    QString project; // Route::Project
    QString type; // the envelope's type
    QString payload; // ${project} expanded; ${geogriddata} waits for finishPayload()
    QSet<MessageKind> replies; // what answers it; empty: CityIO sends no reply
    bool softReply = false; // a missing reply is not a failure (the echo is not guaranteed)
    QString note; // said in the reply detail (e.g. an undocumented type)
    // Probe frames replayed after a reconnect: key, and whether this frame removes it.
    QString greetingKey;
    bool greetingRemoves = false;
    // Route::Rest
    QString method;
    QString path;
    QByteArray body;

    bool needsGrid() const;
};

// Parses and checks `command`; false with `error` set when it must be refused locally.
bool prepareCommand(const Command &command, PreparedCommand *out, QString *error);
// Fills `${geogriddata}` with the project's current grid and checks that an UPDATE_GRID carries a
// whole grid (a shorter array would replace it). `grid` is empty when no snapshot came yet.
bool finishPayload(PreparedCommand *command, const QJsonArray &grid, bool haveGrid, QString *error);

} // namespace fleetscope::cityio
