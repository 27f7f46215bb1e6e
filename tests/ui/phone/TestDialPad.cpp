#include "ui/phone/DialPad.h"

#include <QAbstractButton>
#include <QSignalSpy>
#include <QTest>

class TestDialPad : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyKeyIsThereAndSaysWhichItIs()
    {
        DialPad pad;
        QSignalSpy pressed(&pad, &DialPad::keyPressed);
        const QString keys = QStringLiteral("0123456789*#");
        for (const QChar key : keys) {
            QAbstractButton *button = pad.button(key);
            QVERIFY2(button, qPrintable(QString(key)));
            QTest::mouseClick(button, Qt::LeftButton);
        }
        QCOMPARE(pressed.size(), keys.size());
        for (int index = 0; index < keys.size(); ++index)
            QCOMPARE(pressed.at(index).first().value<QChar>(), keys.at(index));
        QVERIFY(!pad.button(u'A'));
    }

    void keysShowTheirLetters()
    {
        DialPad pad;
        QCOMPARE(pad.button(u'2')->text(), QString("2\nABC"));
        QCOMPARE(pad.button(u'7')->text(), QString("7\nPQRS"));
        QCOMPARE(pad.button(u'0')->text(), QString("0\n+"));
        QCOMPARE(pad.button(u'#')->text(), QString("#"));
    }

    void keysDoNotTakeTheFocus()
    {
        // Typing after a click must still reach the number field.
        DialPad pad;
        QCOMPARE(pad.button(u'5')->focusPolicy(), Qt::NoFocus);
    }
};

QTEST_MAIN(TestDialPad)
#include "TestDialPad.moc"
