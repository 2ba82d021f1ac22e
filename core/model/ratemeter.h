#pragma once

#include <QtGlobal>

namespace fleetscope {

// A topic's message rate as the tree shows it: messages per second averaged over about ten
// seconds (an exponential average, so it keeps no history), so that a topic sending every 2 s
// reads a steady 0.5/s instead of 1/s and nothing in turn. The figure shown moves only when the
// average moves by more than a fifth, so the jitter of arrival times does not make it flicker;
// after a silence of three average intervals (and at least five seconds) it drops to zero.
//
// Threading: a plain value; TopicTreeModel ticks it on the GUI thread once a second.
class RateMeter
{
public:
    static constexpr double kTimeConstantSeconds = 10.0;

    // `messages` arrived during the last `seconds`. True when shown() changed.
    bool tick(qint64 messages, double seconds);
    // Messages per second to display; 0 when quiet.
    double shown() const { return m_shown; }
    double average() const { return m_average; }

private:
    double m_average = 0.0;
    double m_shown = 0.0;
    double m_quietSeconds = 0.0;
};

} // namespace fleetscope
