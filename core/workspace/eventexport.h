#pragma once

#include <QString>

class QIODevice;

namespace fleetscope {

class EventLogModel;

// Writes the rows an EventLogModel shows (its filter applied), oldest first, for the log panel's
// export: CSV with a header row (RFC 4180 quoting) or JSON Lines with the same fields as
// `fleetscope-cli watch` event lines. Returns false with *error when the device fails.
namespace EventExport {
bool writeCsv(const EventLogModel &model, QIODevice *device, QString *error);
bool writeJsonLines(const EventLogModel &model, QIODevice *device, QString *error);
} // namespace EventExport

} // namespace fleetscope
