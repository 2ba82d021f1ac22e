# The network policy every connection of an endpoint shares: TLS (WebSocket links and REST) and
# the REST request policy (same-origin redirects, body caps, deadlines).
target_sources(fleetscope_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/tlspolicy.cpp ${CMAKE_CURRENT_LIST_DIR}/tlspolicy.h
    ${CMAKE_CURRENT_LIST_DIR}/restlimits.h
    ${CMAKE_CURRENT_LIST_DIR}/resttransport.cpp ${CMAKE_CURRENT_LIST_DIR}/resttransport.h
)
