#pragma once

#include <QString>
#include <QVector>

#include <functional>
#include <utility>

namespace fleetscope {

// Calls that wait for something an adapter cannot do without yet — its handshake, a browse, a
// socket's first snapshot, the lists a login loads — and then run all at once, in the order they
// came: told ok when it came, or why it did not (closed, failed). Every adapter that queues work
// uses this one class.
//
// Plain value, owned by whoever waits (an Endpoint or one of its parts); its owner's thread.
class DeferredCalls
{
public:
    using Call = std::function<void(bool ok, const QString &why)>;

    void add(Call call) { m_calls.append(std::move(call)); }
    bool isEmpty() const { return m_calls.isEmpty(); }
    // Runs every waiting call once. Calls added while they run wait for the next time.
    void run(bool ok, const QString &why = QString())
    {
        const auto calls = std::exchange(m_calls, {});
        for (const Call &call : calls)
            call(ok, why);
    }

private:
    QVector<Call> m_calls;
};

} // namespace fleetscope
