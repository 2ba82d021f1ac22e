#pragma once

#include <QString>

namespace fleetscope {
struct Event;
} // namespace fleetscope

namespace fleetscope::ui {

// What a details pane shows for one event: time, endpoint, severity, path and summary, then the
// payload (pretty-printed when it is JSON; binary payloads are hex already).
QString eventDetailsText(const Event &event);

} // namespace fleetscope::ui
