// The Voicemail tab on a mailbox the test answers for: what it shows of each message, what it counts and
// tells of, and how it says what went wrong, without a server or a sound device.

#include "ui/phone/VoicemailPanel.h"
#include "ui/phone/VoicemailPlayer.h"

#include <QDir>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QTest>

using Phone::VoicemailPanel;
using Voicemail::Mailbox;

namespace {

// Answers as the test says: the inbox it holds, or a failure; records what it was asked.
class FakeMailbox : public Mailbox
{
public:
    Result<Contents> inbox = Contents {};
    Result<QByteArray> audio = Failure(QStringLiteral("Twilio no longer has this recording."));
    QStringList asked;

    void fetchInbox(int, ContentsDone done) override
    {
        asked << QStringLiteral("inbox");
        done(inbox);
    }
    void fetchAudio(const QString &recordingSid, AudioDone done) override
    {
        asked << QStringLiteral("audio ") + recordingSid;
        done(audio);
    }
    void setHeard(const QString &recordingSid, bool heard, Done done) override
    {
        asked << QStringLiteral("heard %1 %2").arg(recordingSid).arg(heard);
        for (auto &message : inbox->messages) {
            if (message.recordingSid == recordingSid)
                message.heard = heard;
        }
        done({});
    }
    void remove(const QString &recordingSid, Done done) override
    {
        asked << QStringLiteral("remove ") + recordingSid;
        done({});
    }
};

Store::Voicemail message(char digit, const QString &caller, bool heard, const QString &transcript = {})
{
    Store::Voicemail voicemail;
    voicemail.recordingSid = QStringLiteral("RE") + QString(32, QLatin1Char(digit));
    voicemail.caller = caller;
    voicemail.called = QStringLiteral("+815031234567");
    voicemail.status = QStringLiteral("completed");
    voicemail.duration = 65;
    voicemail.transcript = transcript;
    voicemail.heard = heard;
    voicemail.recorded = QDateTime(QDate(2026, 12, 1), QTime(9, 30), Qt::UTC);
    return voicemail;
}

} // namespace

class TestVoicemailPanel : public QObject
{
    Q_OBJECT

    QTemporaryDir m_cache;

    std::unique_ptr<VoicemailPanel> panel(FakeMailbox *&mailbox)
    {
        auto owned = std::make_unique<FakeMailbox>();
        mailbox = owned.get();
        return std::make_unique<VoicemailPanel>(std::move(owned), Voicemail::AudioCache(m_cache.path()),
                                                "JP");
    }

private Q_SLOTS:
    void showsEachMessageAndCountsTheNewOnes()
    {
        FakeMailbox *mailbox = nullptr;
        auto voicemail = panel(mailbox);
        voicemail->setLabelLookup([](const QString &number) {
            return number == QLatin1String("+819012345678") ? QStringLiteral("Osaka office") : QString();
        });
        mailbox->inbox->messages = { message('1', "+819012345678", false, "Hello, it's Bob. Call me back."),
                                     message('2', "", true) };
        mailbox->inbox->unheard = 1;
        QSignalSpy counted(voicemail.get(), &VoicemailPanel::unheardCountChanged);
        QSignalSpy arrived(voicemail.get(), &VoicemailPanel::messageArrived);
        voicemail->refresh();
        QCOMPARE(counted.size(), 1);
        QCOMPARE(counted.constFirst().constFirst().toInt(), 1);
        QVERIFY(arrived.isEmpty()); // the first reading tells of nothing

        QListWidget *list = voicemail->messageList();
        QCOMPARE(list->count(), 2);
        const QStringList first = list->item(0)->text().split(u'\n');
        QCOMPARE(first.value(0), QString("+81 90-1234-5678 (Osaka office)"));
        QVERIFY2(first.value(1).endsWith(" · 1:05"), qPrintable(first.value(1)));
        QCOMPARE(first.value(2), QString("“Hello, it's Bob. Call me back.”"));
        QVERIFY(list->item(0)->font().bold());
        QVERIFY(list->item(1)->text().startsWith("Unknown caller\n"));
        QVERIFY(!list->item(1)->font().bold());

        // Chosen: who called which number, the whole transcript, and the buttons for it.
        list->setCurrentRow(0);
        bool detailsShown = false;
        for (QLabel *label : voicemail->findChildren<QLabel *>()) {
            detailsShown = detailsShown
                || label->text()
                    == "From +81 90-1234-5678 (Osaka office) to +81 50-3123-4567\n\n“Hello, it's Bob. Call "
                       "me back.”";
        }
        QVERIFY(detailsShown);
        QPushButton *heard = nullptr;
        for (QPushButton *button : voicemail->findChildren<QPushButton *>())
            heard = button->text() == QLatin1String("Mark as heard") ? button : heard;
        QVERIFY(heard && heard->isEnabled());
        QTest::mouseClick(heard, Qt::LeftButton);
        QVERIFY(mailbox->asked.contains(
            "heard " + list->item(0)->data(VoicemailPanel::recordingSidRole).toString() + " 1"));

        // A message left since: told once, with whom to call back.
        mailbox->inbox->messages.prepend(message('3', "+819087654321", false));
        mailbox->inbox->unheard = 1;
        voicemail->refresh();
        voicemail->refresh();
        QCOMPARE(arrived.size(), 1);
        QCOMPARE(arrived.constFirst().value(0).toString(), QString("+81 90-8765-4321"));
        QCOMPARE(arrived.constFirst().value(1).toString(), QString("+819087654321"));
    }

    void saysWhatWentWrongAndRecovers()
    {
        FakeMailbox *mailbox = nullptr;
        auto voicemail = panel(mailbox);
        mailbox->inbox = Failure(QStringLiteral("the team server cannot be reached."));
        voicemail->refresh();
        QCOMPARE(voicemail->problemText(),
                 QString("The voicemail cannot be shown: the team server cannot be reached."));

        mailbox->inbox = Mailbox::Contents { { message('1', "+819012345678", false) }, 1 };
        voicemail->refresh();
        QVERIFY(voicemail->problemText().isEmpty());

        // A recording that cannot be fetched: the sentence, and nothing played or kept.
        voicemail->messageList()->setCurrentRow(0);
        voicemail->playSelected();
        QCOMPARE(voicemail->problemText(), QString("Twilio no longer has this recording."));
        QVERIFY(voicemail->player()->filePath().isEmpty());
        QVERIFY(QDir(m_cache.path()).isEmpty());
    }

    void showsWhatToExpectWhenEmpty()
    {
        FakeMailbox *mailbox = nullptr;
        auto voicemail = panel(mailbox);
        voicemail->refresh();
        auto *pages = voicemail->findChild<QStackedWidget *>();
        auto *empty = qobject_cast<QLabel *>(pages->currentWidget());
        QVERIFY(empty);
        QVERIFY(empty->text().startsWith("No messages."));
        for (QPushButton *button : voicemail->findChildren<QPushButton *>())
            QVERIFY2(!button->isEnabled(), qPrintable(button->text()));
    }
};

QTEST_MAIN(TestVoicemailPanel)
#include "TestVoicemailPanel.moc"
