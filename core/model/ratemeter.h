#pragma once

#include <QtGlobal>

namespace fleetscope {

// A topic's message rate as the tree shows it: messages per second averaged over about ten
// seconds (an exponential average, so it keeps no history), so that a topic sending every 2 s
// reads a steady 0.5/s instead of 1/s and nothing in turn. The figure shown moves only when the
// average moves by more than a tenth, so the jitter of arrival times does not make it flicker;
// after a silence of three average intervals (and at least five seconds) it drops to zero.
//
// The first messages of a topic (and the first after such a silence) only start the clock: they
// are often a backlog, such as the history an Exosite subscription reads first (100 points in one
// tick) or a snapshot after a reconnect, and a rate counts what arrives after them. The first
// level is what arrived since, over the time since, and is shown at once.
//
// Threading: a plain value; TopicTreeModel ticks it on the GUI thread once a second.
class RateMeter
{
public:
    static constexpr double kTimeConstantSeconds = 10.0;

    // `messages` arrived during the last `seconds`. True when shown() changed.
    bool tick(qint64 messages, double seconds);
    // Messages per second to display; 0 when quiet or not measured yet.
    double shown() const { return m_shown; }
    double average() const { return m_average; }

private:
    enum class Phase { Idle, Started, Measuring };

    Phase m_phase = Phase::Idle;
    double m_sinceStart = 0.0; // seconds since the messages that started the clock
    double m_average = 0.0;
    double m_shown = 0.0;
    double m_quietSeconds = 0.0;
};

} // namespace fleetscope
