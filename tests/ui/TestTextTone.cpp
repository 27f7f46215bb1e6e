#include "ui/TextTone.h"

#include <QLabel>
#include <QTest>

using Ui::TextTone;

class TestTextTone : public QObject
{
    Q_OBJECT

    // The colour the label's text is drawn in once its style sheet has been applied.
    static QColor drawnColor(QLabel &label)
    {
        label.ensurePolished();
        return label.palette().color(QPalette::WindowText);
    }

private Q_SLOTS:
    void aProblemIsDrawnInTheProblemColour()
    {
        QLabel label(QStringLiteral("The number is not valid."));
        TextTone::set(&label, TextTone::Problem);
        QCOMPARE(TextTone::of(&label), TextTone::Problem);
        QCOMPARE(drawnColor(label), TextTone::color(TextTone::Problem));
    }

    void aWarningIsNotAProblem()
    {
        QLabel label;
        TextTone::set(&label, TextTone::Warning);
        QCOMPARE(TextTone::of(&label), TextTone::Warning);
        QCOMPARE(drawnColor(label), TextTone::color(TextTone::Warning));
        QVERIFY(TextTone::color(TextTone::Warning) != TextTone::color(TextTone::Problem));
    }

    void aHintFollowsThePalette()
    {
        QLabel label;
        TextTone::set(&label, TextTone::Hint);
        QCOMPARE(drawnColor(label), label.palette().color(QPalette::Mid));
    }

    // A label that showed a problem and then plain news goes back to the window's own text colour.
    void plainUndoesAProblem()
    {
        QLabel label;
        const QColor ordinary = drawnColor(label);
        TextTone::set(&label, TextTone::Problem);
        QCOMPARE(drawnColor(label), TextTone::color(TextTone::Problem));
        TextTone::set(&label, TextTone::Plain);
        QCOMPARE(TextTone::of(&label), TextTone::Plain);
        QVERIFY(label.styleSheet().isEmpty());
        QCOMPARE(drawnColor(label), ordinary);
    }

    void aWidgetNeverToldIsPlain()
    {
        QLabel label;
        QCOMPARE(TextTone::of(&label), TextTone::Plain);
        QVERIFY(!TextTone::color(TextTone::Plain).isValid());
    }
};

QTEST_MAIN(TestTextTone)
#include "TestTextTone.moc"
