#pragma once

#include "core/recording/recordingtypes.h"

#include <QJsonObject>

namespace fleetscope {

class SecretMasker;

// A recording as JSON Lines (`fleetscope-cli export-recording`), for sharing and for tools:
//   {"kind":"recording","version":1,"started":ms,"fleetscope":"0.1.0","endpoints":[{name,protocol,url}]}
//   {"kind":"frame","t":ms,"endpoint":"..","protocol":"..","direction":"in|out","text":".."}
//   {"kind":"frame",...,"binary":"<base64>"}
// plus "channel":".." on frames of adapters with several sockets (CityIO's project sockets).
// Text goes through `masker` once more, so that even a recording made without one exports clean.
namespace RecordingExport {
QJsonObject header(const RecordingInfo &info, const SecretMasker *masker);
QJsonObject frame(const RecordingFrame &frame, const RecordingInfo &info, const SecretMasker *masker);
} // namespace RecordingExport

} // namespace fleetscope
