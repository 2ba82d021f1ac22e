#pragma once

#include <QByteArray>
#include <QJsonValue>

namespace fleetscope::sim::intu {

// JSON text the way jsoncpp's StyledWriter (Json::Value::toStyledString, what the Intu server
// uses) writes it: 3-space indent, `"key" : value`, keys sorted, short arrays of scalars on one
// line (`[ "a", "b" ]`), longer ones one element a line, integral numbers without a fraction,
// other doubles with 17 significant digits, and a trailing newline.
QByteArray styledJson(const QJsonValue &value);

} // namespace fleetscope::sim::intu
