#pragma once

#include <QString>

namespace fleetscope::ui {

// Where Fleetscope keeps its profiles and window state: $FLEETSCOPE_CONFIG_DIR when set (tests
// and portable setups use it), otherwise the platform's application config location.
QString configDirectory();

} // namespace fleetscope::ui
