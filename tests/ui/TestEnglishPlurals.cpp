#include "ui/EnglishPlurals.h"

#include <QCoreApplication>
#include <QTest>

using Ui::EnglishPlurals;

class TestEnglishPlurals : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pluralFormsFollowTheCount_data()
    {
        QTest::addColumn<int>("count");
        QTest::addColumn<QString>("expected");
        QTest::newRow("none") << 0 << "0 numbers found";
        QTest::newRow("one") << 1 << "1 number found";
        QTest::newRow("many") << 12 << "12 numbers found";
    }

    void pluralFormsFollowTheCount()
    {
        QFETCH(int, count);
        QFETCH(QString, expected);
        EnglishPlurals plurals;
        QCoreApplication::installTranslator(&plurals);
        QCOMPARE(QCoreApplication::translate("Page", "%n number(s) found", nullptr, count), expected);
        QCOMPARE(QCoreApplication::translate("Page", "Export (as CSV)"), QString("Export (as CSV)"));
        QCoreApplication::removeTranslator(&plurals);
        QCOMPARE(QCoreApplication::translate("Page", "%n number(s) found", nullptr, count),
                 QString("%1 number(s) found").arg(count));
    }
};

QTEST_GUILESS_MAIN(TestEnglishPlurals)
#include "TestEnglishPlurals.moc"
