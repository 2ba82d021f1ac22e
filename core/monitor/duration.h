#pragma once

#include <QJsonValue>
#include <QString>

namespace fleetscope {

// Durations in the rules file (docs/architecture.md#devices-presence-and-alerts-coremonitor): "500ms", "30s", "5m", "2h", or
// a number of seconds. Pure functions.
namespace Duration {

// The longest duration a rule may state (a year): bounds the arithmetic on deadlines.
constexpr qint64 kMaxMs = qint64(366) * 24 * 3600 * 1000;

// Reads `value` into *ms. False with *why set when it is not a duration, negative or beyond kMaxMs.
bool parse(const QJsonValue &value, qint64 *ms, QString *why);
// The shortest exact spelling: 90000 -> "90s", 120000 -> "2m", 1500 -> "1500ms".
QString format(qint64 ms);

} // namespace Duration

} // namespace fleetscope
