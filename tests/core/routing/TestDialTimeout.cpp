#include "core/routing/DialTimeout.h"
#include "core/routing/RoutingSettings.h"

#include <QTest>

#include <limits>

namespace DialTimeout = Routing::DialTimeout;

// How long a <Dial> may ring: Twilio's limits for <Dial timeout>, 5 to 600 seconds, at their edges.
class TestDialTimeout : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void problemAtTheEdges_data()
    {
        QTest::addColumn<int>("seconds");
        QTest::addColumn<bool>("valid");
        QTest::newRow("below Twilio's minimum") << 4 << false;
        QTest::newRow("Twilio's minimum") << 5 << true;
        QTest::newRow("Twilio's default") << 30 << true;
        QTest::newRow("Twilio's maximum") << 600 << true;
        QTest::newRow("above Twilio's maximum") << 601 << false;
        QTest::newRow("zero") << 0 << false;
        QTest::newRow("negative") << -60 << false;
        QTest::newRow("int min") << std::numeric_limits<int>::min() << false;
        QTest::newRow("int max") << std::numeric_limits<int>::max() << false;
    }

    void problemAtTheEdges()
    {
        QFETCH(int, seconds);
        QFETCH(bool, valid);
        const QString problem = DialTimeout::problem(seconds);
        QCOMPARE(problem.isEmpty(), valid);
        if (!valid)
            QCOMPARE(problem, QString("give from 5 to 600 seconds (Twilio's limits), not %1").arg(seconds));
    }

    void theDefaultIsValidAndTheRoutersDefault()
    {
        QCOMPARE(DialTimeout::defaultSeconds, 60);
        QCOMPARE(DialTimeout::problem(DialTimeout::defaultSeconds), QString());
        QCOMPARE(Routing::RoutingSettings().dialTimeout, DialTimeout::defaultSeconds);
    }
};

QTEST_GUILESS_MAIN(TestDialTimeout)
#include "TestDialTimeout.moc"
