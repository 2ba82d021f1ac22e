#pragma once

#include <QtGlobal>

namespace fleetscope {

// What a REST request is for: each kind has its own body cap and absolute deadline
// (docs/limits.md), because a login answer is a few hundred bytes and a table snapshot megabytes.
enum class RestKind {
    Session, // logins, token refreshes, logouts (OpenTera)
    Listing, // what a browse reads: OpenTera's online lists, CityIO's table list and headers
    Data, // payloads: CityIO table snapshots and module data, the composer's REST commands
};

struct RestLimit
{
    qint64 maxBodyBytes; // an answer's body beyond this is refused as it arrives
    int deadlineMs; // the whole request (connect, TLS, redirects, body) within this
};

// The limits of every kind; plain data in LinkOptions, so a test can shorten them.
struct RestLimits
{
    // A login answer is ~1 KiB: 1 MiB is a thousand times that.
    RestLimit session {1ll << 20, 30000};
    // Online users/participants/devices with their projects are ~1 KiB an entry, CityIO's
    // headers ~1 KiB a table: 32 MiB is room for tens of thousands.
    RestLimit listing {32ll << 20, 60000};
    // A 200×200 CityIO table snapshot is ~15 MB; 64 MiB is also the WebSocket message limit
    // (LinkOptions::maxMessageBytes), so REST carries no more than a socket would.
    RestLimit data {64ll << 20, 120000};

    const RestLimit &of(RestKind kind) const
    {
        switch (kind) {
        case RestKind::Session:
            return session;
        case RestKind::Listing:
            return listing;
        case RestKind::Data:
            break;
        }
        return data;
    }
};

} // namespace fleetscope
