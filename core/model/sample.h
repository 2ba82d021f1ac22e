#pragma once

#include <QMetaType>
#include <QString>
#include <QVector>

namespace fleetscope {

// One numeric reading: charts are fed only by samples. `t` is milliseconds since the epoch.
struct Sample
{
    QString path;
    qint64 t = 0;
    double value = 0.0;
};

using SampleList = QVector<Sample>;

} // namespace fleetscope

Q_DECLARE_METATYPE(fleetscope::Sample)
