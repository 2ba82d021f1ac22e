#pragma once

// CPU-time helpers shared by the desktop benchmarks: CPU time is what work costs on an idle core,
// whatever else a loaded machine is doing, so the figures in notes are comparable across runs.

#include <QElapsedTimer>
#include <QtGlobal>

#include <algorithm>
#include <ctime>
#include <functional>
#include <vector>

namespace fleetscope::bench {

inline double cpuMs(clockid_t clock)
{
    timespec ts {};
    clock_gettime(clock, &ts);
    return static_cast<double>(ts.tv_sec) * 1000.0 + static_cast<double>(ts.tv_nsec) / 1e6;
}
// All threads of this process.
inline double processCpuMs()
{
    return cpuMs(CLOCK_PROCESS_CPUTIME_ID);
}
// The calling thread only.
inline double threadCpuMs()
{
    return cpuMs(CLOCK_THREAD_CPUTIME_ID);
}

// Median (and best) wall and process CPU time of `runs` calls of `work`, after `warmups` calls,
// printed as one qInfo line labelled `what`. `setup`, when given, runs before each call, untimed.
inline void measure(const char *what, int runs, const std::function<void()> &work, int warmups = 0,
    const std::function<void()> &setup = {})
{
    for (int i = 0; i < warmups; ++i)
        work();
    std::vector<double> wall;
    std::vector<double> cpu;
    QElapsedTimer timer;
    for (int i = 0; i < runs; ++i) {
        if (setup)
            setup();
        const double cpu0 = processCpuMs();
        timer.start();
        work();
        wall.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
        cpu.push_back(processCpuMs() - cpu0);
    }
    std::sort(wall.begin(), wall.end());
    std::sort(cpu.begin(), cpu.end());
    qInfo("%-34s median %7.2f ms wall, %7.2f ms CPU (best %.2f / %.2f)", what, wall[wall.size() / 2],
        cpu[cpu.size() / 2], wall.front(), cpu.front());
}

} // namespace fleetscope::bench
