#pragma once

#include "core/endpoint/protocolregistry.h"

#include <QString>

namespace fleetscope {

// Where a composer payload stops being JSON, for the editor to point at. Positions are in the
// text as typed (placeholders included); line and column count from 1.
struct PayloadProblem
{
    bool ok = true;
    int position = -1; // character offset
    int line = 0;
    int column = 0;
    QString message;
};

// Checks `payload` as its protocol takes it (PayloadSyntax): one JSON value (object, array or
// scalar), or with TextOrJson any text, unless it opens like JSON ('{' or '['), which must then be
// JSON. ${...} placeholders, which the adapter expands when sending, stand in as a dummy value for
// the check only.
PayloadProblem checkPayload(const QString &payload, PayloadSyntax syntax = PayloadSyntax::Json);

// True when `payload` opens like a JSON object or array (leading white space aside).
bool opensLikeJson(const QString &payload);

// The payload laid out one member per line, indented by `indent` spaces, for the editor. Works on
// the text (keys keep their order, numbers their digits, ${...} placeholders stay as they are), so
// it also formats templates that are not JSON until their placeholders are filled. Anything that
// does not open like a JSON object or array (a scalar, plain text) is returned exactly as it is.
QString prettyPayload(const QString &payload, int indent = 2);

} // namespace fleetscope
