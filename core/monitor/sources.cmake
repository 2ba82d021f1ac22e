# Monitoring (docs/architecture.md#devices-presence-and-alerts-coremonitor): devices and presence, alert rules, the models the
# Devices and Alerts panels show. Qt Core only.
target_sources(fleetscope_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/monitorclock.cpp ${CMAKE_CURRENT_LIST_DIR}/monitorclock.h
    ${CMAKE_CURRENT_LIST_DIR}/duration.cpp ${CMAKE_CURRENT_LIST_DIR}/duration.h
    ${CMAKE_CURRENT_LIST_DIR}/pathglob.cpp ${CMAKE_CURRENT_LIST_DIR}/pathglob.h
    ${CMAKE_CURRENT_LIST_DIR}/alertrule.cpp ${CMAKE_CURRENT_LIST_DIR}/alertrule.h
    ${CMAKE_CURRENT_LIST_DIR}/rulesfile.cpp ${CMAKE_CURRENT_LIST_DIR}/rulesfile.h
    ${CMAKE_CURRENT_LIST_DIR}/ruleindex.cpp ${CMAKE_CURRENT_LIST_DIR}/ruleindex.h
    ${CMAKE_CURRENT_LIST_DIR}/deadlinequeue.cpp ${CMAKE_CURRENT_LIST_DIR}/deadlinequeue.h
    ${CMAKE_CURRENT_LIST_DIR}/cadenceestimator.cpp ${CMAKE_CURRENT_LIST_DIR}/cadenceestimator.h
    ${CMAKE_CURRENT_LIST_DIR}/device.cpp ${CMAKE_CURRENT_LIST_DIR}/device.h
    ${CMAKE_CURRENT_LIST_DIR}/alert.cpp ${CMAKE_CURRENT_LIST_DIR}/alert.h
    ${CMAKE_CURRENT_LIST_DIR}/alertbook.cpp ${CMAKE_CURRENT_LIST_DIR}/alertbook.h
    ${CMAKE_CURRENT_LIST_DIR}/activitytracker.cpp ${CMAKE_CURRENT_LIST_DIR}/activitytracker.h
    ${CMAKE_CURRENT_LIST_DIR}/alertengine.cpp ${CMAKE_CURRENT_LIST_DIR}/alertengine.h
    ${CMAKE_CURRENT_LIST_DIR}/alertenginedeadlines.cpp
    ${CMAKE_CURRENT_LIST_DIR}/monitorupdate.h
    ${CMAKE_CURRENT_LIST_DIR}/monitor.cpp ${CMAKE_CURRENT_LIST_DIR}/monitor.h
    ${CMAKE_CURRENT_LIST_DIR}/agetext.cpp ${CMAKE_CURRENT_LIST_DIR}/agetext.h
    ${CMAKE_CURRENT_LIST_DIR}/devicelistmodel.cpp ${CMAKE_CURRENT_LIST_DIR}/devicelistmodel.h
    ${CMAKE_CURRENT_LIST_DIR}/alertlistmodel.cpp ${CMAKE_CURRENT_LIST_DIR}/alertlistmodel.h
    ${CMAKE_CURRENT_LIST_DIR}/rulebacktest.cpp ${CMAKE_CURRENT_LIST_DIR}/rulebacktest.h
)
