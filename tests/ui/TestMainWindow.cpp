#include "ui/MainWindow.h"

#include "ui/AppIcon.h"

#include "tests/support/MarkupLabels.h"
#include "ui/engine/PhoneBridge.h"
#include "ui/phone/PhoneView.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QPushButton>
#include <QStyle>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>
#include <QToolButton>

using Phone::PhoneView;
using Ui::AppIcon;
using Ui::MainWindow;

class TestMainWindow : public QObject
{
    Q_OBJECT

    static QPushButton *bannerButton(MainWindow &window)
    {
        for (auto *button : window.findChild<QWidget *>("banner")->findChildren<QPushButton *>())
            return button;
        return nullptr;
    }

private Q_SLOTS:
    void assemblesThePhoneAndThePages()
    {
        Engine::PhoneBridge bridge;
        MainWindow window(new PhoneView(&bridge, "JP"));
        auto *numbers = new QLabel("numbers page");
        auto *settings = new QLabel("settings page");
        window.addPage(numbers, "Numbers");
        window.addPage(settings, "Settings");
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *console = window.findChild<QTabWidget *>();
        QCOMPARE(console->count(), 2);
        QCOMPARE(console->tabText(1), QString("Settings"));
        QVERIFY(window.isConsoleVisible());

        window.setConsoleVisible(false);
        QVERIFY(!console->isVisible());
        QVERIFY(window.width() < 600); // just the phone
        window.showPage(settings);
        QVERIFY(console->isVisible());
        QCOMPARE(console->currentWidget(), settings);
        QVERIFY(window.width() >= 1000);
    }

    // With the first start's banner and pages as wide as the app's, hiding the console still leaves just the
    // phone.
    void hidingTheConsoleShrinksTheWindowToThePhone()
    {
        Engine::PhoneBridge bridge;
        MainWindow window(new PhoneView(&bridge, "JP"));
        auto *settings = new QLabel("settings page");
        auto *numbers = new QLabel("numbers page");
        numbers->setMinimumWidth(640); // as wide as the app's own Numbers page needs
        window.addPage(numbers, "Numbers");
        window.addPage(settings, "Settings");
        window.setBanner("Simulated phone: no Twilio account is set up, so calls are simulated through your "
                         "own webhook server on http://127.0.0.1:8080. Phone > Simulate incoming call rings "
                         "this phone.",
                         QString(), "Set up Twilio…", [&window, settings] { window.showPage(settings); });
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const int firstWidth = window.width();
        QVERIFY(firstWidth >= 1000);
        window.setConsoleVisible(false);
        QTRY_VERIFY2(window.width() < 600, qPrintable(QString::number(window.width())));
        window.setConsoleVisible(true);
        QTRY_COMPARE(window.width(), firstWidth); // as wide as at first, where every page fits
        window.setConsoleVisible(false);
        QTRY_VERIFY2(window.width() < 600, qPrintable(QString::number(window.width())));
        window.showPage(settings);
        QVERIFY(window.isConsoleVisible());
        QCOMPARE(window.findChild<QTabWidget *>()->currentWidget(), settings);
        QVERIFY(window.width() >= 1000);
    }

    // A ringing call asks for attention without taking the keyboard: whoever types in a console field goes
    // on typing there.
    void aRingingCallDoesNotTakeTheKeyboard()
    {
        Engine::PhoneBridge bridge;
        MainWindow window(new PhoneView(&bridge, "JP"));
        auto *page = new QWidget;
        auto *field = new QLineEdit(page);
        window.addPage(page, "Numbers");
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.activateWindow();
        field->setFocus();
        QTRY_COMPARE(QApplication::focusWidget(), field);
        window.announceCall("+81 90-5987-6543");
        QCOMPARE(window.windowTitle(), QString("Incoming call from +81 90-5987-6543 – Switchboard"));
        QCOMPARE(QApplication::focusWidget(), field);
        window.endAnnouncement();
        QCOMPARE(window.windowTitle(), QString("Switchboard"));
    }

    // At the smallest size the window allows, the phone's tabs all show: no scroll arrows hide Audio.
    void atItsSmallestEverythingIsReadable()
    {
        Engine::PhoneBridge bridge;
        auto *phone = new PhoneView(&bridge, "JP");
        MainWindow window(phone);
        window.addPage(new QLabel("numbers page"), "Numbers");
        auto *tabs = phone->findChild<QTabWidget *>();
        QVERIFY(tabs);
        tabs->insertTab(1, new QWidget, "Recent"); // as the app's call log adds it
        phone->updateGeometry();
        window.setConsoleVisible(false);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.resize(1, 1); // the window's minimum instead
        QCoreApplication::processEvents();
        for (auto *arrow : tabs->tabBar()->findChildren<QToolButton *>())
            QVERIFY2(!arrow->isVisible(), "the phone's tabs scroll at the window's smallest size");
        for (int index = 0; index < tabs->count(); ++index)
            QVERIFY2(tabs->tabBar()->rect().contains(tabs->tabBar()->tabRect(index)),
                     qPrintable(tabs->tabText(index)));
    }

    void itsIconIsItsOwn()
    {
        Engine::PhoneBridge bridge;
        MainWindow window(new PhoneView(&bridge, "JP"));
        const QImage icon = window.windowIcon().pixmap(32).toImage();
        QVERIFY(!icon.isNull());
        QVERIFY(icon != window.style()->standardIcon(QStyle::SP_ComputerIcon).pixmap(32).toImage());
        QCOMPARE(icon, AppIcon::icon().pixmap(32).toImage());
    }

    // The banner's sentences quote what was typed or received: markup in them shows as it is.
    void bannerMarkupShowsAsItIs()
    {
        using MarkupLabels::markup;
        Engine::PhoneBridge bridge;
        MainWindow window(new PhoneView(&bridge, "JP"));
        window.setBanner("Cannot call " + markup, "Details: " + markup, QString(), {});
        QCOMPARE(window.bannerText(), "Cannot call " + markup);
        const QStringList labels = MarkupLabels::labelsShowing(window.findChild<QWidget *>("banner"));
        QCOMPARE(labels.size(), 1);
        QVERIFY2(labels.filter("[plain]") == labels, qPrintable(labels.join('\n')));
        const auto *banner = window.findChild<QWidget *>("banner")->findChild<QLabel *>();
        QCOMPARE(MarkupLabels::toolTipAsShown(banner->toolTip()), "Details: " + markup);
    }

    void theBannerButtonRunsItsAction()
    {
        Engine::PhoneBridge bridge;
        MainWindow window(new PhoneView(&bridge, "JP"));
        auto *settings = new QLabel("settings page");
        window.addPage(new QLabel("numbers page"), "Numbers");
        window.addPage(settings, "Settings");
        window.setConsoleVisible(false);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(!window.findChild<QWidget *>("banner")->isVisible());

        window.setBanner("Simulated phone: no Twilio account is set up.", "Missing: TWILIO_ACCOUNT_SID",
                         "Set up Twilio…", [&window, settings] { window.showPage(settings); });
        QVERIFY(window.findChild<QWidget *>("banner")->isVisible());
        QCOMPARE(window.bannerText(), QString("Simulated phone: no Twilio account is set up."));
        QPushButton *button = bannerButton(window);
        QVERIFY(button && button->isVisible());
        QCOMPARE(button->text(), QString("Set up Twilio…"));
        button->click();
        QVERIFY(window.isConsoleVisible());
        QCOMPARE(window.findChild<QTabWidget *>()->currentWidget(), settings);

        window.setBanner(QString());
        QVERIFY(!window.findChild<QWidget *>("banner")->isVisible());
    }
};

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
