#pragma once

#include "core/link/linkstate.h"
#include "core/model/event.h"

#include <QColor>
#include <QIcon>
#include <QPalette>

namespace fleetscope::ui {

// The few colours that carry meaning (connection state, event severity), chosen to read on both
// light and dark palettes, and the small round badges drawn with them.
namespace StatusColors {
QColor forState(LinkState state);
// Severity text colour on `palette` (debug is muted, info plain).
QColor forSeverity(Severity severity, const QPalette &palette);
// A filled dot of `color`, cached per colour.
QIcon dot(const QColor &color);
} // namespace StatusColors

} // namespace fleetscope::ui
