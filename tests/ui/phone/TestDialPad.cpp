#include "ui/phone/DialPad.h"

#include <QAbstractButton>
#include <QSignalSpy>
#include <QTest>
#include <QVBoxLayout>

using Phone::DialPad;

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

    // At its smallest the digit and its letters still fit; in a large window the keys keep a phone's
    // proportions instead of stretching across it.
    void keysKeepTheirShapeAtEverySize()
    {
        QWidget window;
        auto *layout = new QVBoxLayout(&window);
        auto *pad = new DialPad(&window);
        layout->addWidget(pad);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        for (const QSize size : { window.minimumSizeHint(), QSize(1600, 1200) }) {
            window.resize(size);
            QTRY_COMPARE(window.size(), size.expandedTo(window.minimumSizeHint()));
            QCoreApplication::processEvents();
            for (const QChar key : QStringLiteral("0123456789*#")) {
                QAbstractButton *button = pad->button(key);
                const QFontMetrics metrics(button->font());
                QVERIFY2(
                    button->height() >= 2 * metrics.lineSpacing(),
                    qPrintable(QString("%1 at %2x%3").arg(key).arg(button->width()).arg(button->height())));
                QVERIFY2(button->width() >= metrics.horizontalAdvance("WXYZ"), qPrintable(QString(key)));
                QVERIFY2(
                    button->width() <= DialPad::maxKeySize.width()
                        && button->height() <= qMax(DialPad::maxKeySize.height(), button->minimumHeight()),
                    qPrintable(QString("%1 at %2x%3").arg(key).arg(button->width()).arg(button->height())));
            }
        }
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
