// Every fuzz target over its committed seed corpus (fuzz/corpus/<target>/) and every input that
// once crashed it (fuzz/regressions/<target>/), in every build: a crash found by scripts/fuzz.sh
// is fixed and its input committed under fuzz/regressions, where this test keeps it fixed.
// Under the asan preset this also catches memory errors the plain build would miss.
#include "core/protocols/exosite/exositeframe.h"
#include "fuzz/targets/fuzztarget.h"

#include <QDir>
#include <QTest>

using namespace fleetscope::fuzz;

class TestFuzzRegressions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyTargetHasSeeds();
    void inputs_data();
    void inputs();
    // Crashes found by fuzzing, pinned down as behaviour.
    void exositeTimestampOutOfRange_data();
    void exositeTimestampOutOfRange();
};

void TestFuzzRegressions::everyTargetHasSeeds()
{
    for (const FuzzTarget &target : kFuzzTargets) {
        const QDir corpus(QStringLiteral(FLEETSCOPE_FUZZ_DIR "/corpus/") + QLatin1String(target.name));
        QVERIFY2(!corpus.entryList(QDir::Files).isEmpty(), target.name);
    }
}

void TestFuzzRegressions::inputs_data()
{
    QTest::addColumn<int>("target");
    QTest::addColumn<QString>("file");
    int index = 0;
    for (const FuzzTarget &target : kFuzzTargets) {
        for (const char *kind : {"corpus", "regressions"}) {
            const QDir dir(
                QStringLiteral(FLEETSCOPE_FUZZ_DIR "/%1/%2").arg(QLatin1String(kind), QLatin1String(target.name)));
            for (const QString &name : dir.entryList(QDir::Files, QDir::Name))
                QTest::addRow("%s/%s/%s", kind, target.name, qPrintable(name)) << index << dir.filePath(name);
        }
        ++index;
    }
}

void TestFuzzRegressions::inputs()
{
    QFETCH(int, target);
    QFETCH(QString, file);
    QFile input(file);
    QVERIFY(input.open(QIODevice::ReadOnly));
    const QByteArray bytes = input.readAll();
    QCOMPARE(kFuzzTargets[target].run(
                 reinterpret_cast<const uint8_t *>(bytes.constData()), static_cast<size_t>(bytes.size())),
        0);
}

void TestFuzzRegressions::exositeTimestampOutOfRange_data()
{
    QTest::addColumn<QString>("result");
    QTest::addColumn<int>("good");
    // fuzz/regressions/exosite_frame/crash-8b6cd415…: a 65-digit timestamp was converted to a
    // 64-bit integer (undefined behaviour). Such a point is refused; the good ones stay.
    QTest::newRow("65 digits") << QStringLiteral(
        "[[35555555555555555555555555555555555555555555555555555555555555600,21.5]]")
                               << 0;
    QTest::newRow("one bad among good") << QStringLiteral("[[1700000000,1],[1e300,2],[1700000001,3]]") << 2;
    QTest::newRow("negative huge") << QStringLiteral("[-1e20,5]") << 0;
    QTest::newRow("milliseconds are fine") << QStringLiteral("[1700000000123,5]") << 1;
}

void TestFuzzRegressions::exositeTimestampOutOfRange()
{
    QFETCH(QString, result);
    QFETCH(int, good);
    const auto frame =
        fleetscope::exosite::decodeFrame(QStringLiteral(R"([{"id":1000000,"status":"ok","result":%1}])").arg(result));
    QCOMPARE(frame.responses.size(), 1);
    QVector<fleetscope::exosite::Point> points;
    const bool allGood = fleetscope::exosite::decodePoints(frame.responses.first().result, &points);
    QCOMPARE(points.size(), good);
    QCOMPARE(allGood, good > 0 && !result.contains(QLatin1String("e300")));
    for (const auto &point : std::as_const(points))
        QVERIFY(point.tMs > 1000000000000 && point.tMs < 2000000000000);
}

QTEST_GUILESS_MAIN(TestFuzzRegressions)
#include "tst_fuzzregressions.moc"
