#pragma once

#include <QByteArray>
#include <QJsonValue>

namespace fleetscope::sim::intu {

// JSON text the way jsoncpp's StyledWriter (Json::Value::toStyledString, what the Intu server
// uses) writes it: 3-space indent, `"key" : value`, keys sorted, short arrays of scalars on one
// line (`[ "a", "b" ]`), longer ones one element a line, integral numbers without a fraction,
// other doubles with 17 significant digits, and a trailing newline.
QByteArray styledJson(const QJsonValue &value);
// A string member's text the way StyledWriter quotes it from raw bytes: `"`, `\` and control
// characters escaped, every other byte copied as it is, bytes of 0x80 and above included (so bytes
// that are not UTF-8 stay not UTF-8).
QByteArray styledQuotedBytes(const QByteArray &bytes);

} // namespace fleetscope::sim::intu
