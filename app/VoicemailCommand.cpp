#include "app/VoicemailCommand.h"

#include "app/CommandAccount.h"
#include "app/ExitCode.h"
#include "app/ProgramName.h"
#include "app/SubcommandParser.h"
#include "core/config/TwilioAccount.h"
#include "core/phone/ClientAddress.h"
#include "core/rest/TwilioRestClient.h"
#include "core/store/VoicemailStore.h"

#include <QEventLoop>
#include <QFile>
#include <QSaveFile>

#include <cstdio>
#include <optional>

namespace App {

namespace {

const char actionsHelp[] = "Actions:\n"
                           "  list [--client NAME] [--limit N] [--all]   the messages, newest first\n"
                           "  play RE... --output FILE|-                 save a message's audio\n"
                           "  delete RE...                               delete it at Twilio, then here\n";

// "wav" or "mp3", from --format or else the output file's name; wav for standard output.
Result<QString> formatOf(const QString &given, const QString &output)
{
    QString format = !given.isEmpty()                                 ? given.toLower()
        : output.endsWith(QLatin1String(".mp3"), Qt::CaseInsensitive) ? QStringLiteral("mp3")
                                                                      : QStringLiteral("wav");
    if (format != QLatin1String("wav") && format != QLatin1String("mp3"))
        return Failure(QStringLiteral("--format must be wav or mp3, not '%1'").arg(given));
    return format;
}

} // namespace

VoicemailCommand::VoicemailCommand(const CommandContext &context)
    : m_context(context)
{ }

int VoicemailCommand::run(const QStringList &arguments)
{
    const QString action = arguments.value(1);
    if (action == QLatin1String("list"))
        return list(arguments.mid(1));
    if (action == QLatin1String("play"))
        return play(arguments.mid(1));
    if (action == QLatin1String("delete"))
        return remove(arguments.mid(1));
    return SubcommandParser::answerWithoutAction(m_context.out, m_context.err, QStringLiteral("voicemail"),
                                                 action, QString::fromLatin1(actionsHelp));
}

int VoicemailCommand::list(const QStringList &arguments)
{
    QTextStream &out = m_context.out;
    QTextStream &err = m_context.err;
    SubcommandParser parser(
        QStringLiteral("voicemail list"), QString(),
        QStringLiteral("Lists the voicemail, newest first: time (UTC), RecordingSid, caller, client,\n"
                       "duration, and new or heard (or deleted, with --all); the transcript follows\n"
                       "on its own line when Twilio made one."));
    const QCommandLineOption clientOption(
        QStringLiteral("client"), QStringLiteral("Only this client's messages."), QStringLiteral("NAME"));
    const QCommandLineOption limitOption(QStringLiteral("limit"),
                                         QStringLiteral("At most N messages (default 100)."),
                                         QStringLiteral("N"), QStringLiteral("100"));
    const QCommandLineOption allOption(
        QStringLiteral("all"), QStringLiteral("Deleted messages too, and recordings that hold none."));
    parser.addOptions({ clientOption, limitOption, allOption });
    if (const int done = parser.parse(arguments, out, err); done >= 0)
        return done;
    if (!parser.positionalArguments().isEmpty())
        return parser.usageError(
            err, QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().constFirst()));
    Store::VoicemailStore::Filter filter;
    filter.clientName = parser.value(clientOption);
    if (parser.isSet(clientOption))
        if (const QString problem = Phone::ClientAddress::nameProblem(filter.clientName); !problem.isEmpty())
            return parser.usageError(err, QStringLiteral("invalid --client: ") + problem);
    bool ok = false;
    filter.limit = parser.value(limitOption).toInt(&ok);
    if (!ok || filter.limit <= 0)
        return parser.usageError(err, QStringLiteral("--limit must be a positive whole number"));
    filter.includeDeleted = filter.includeUnplayable = parser.isSet(allOption);

    const auto database = m_context.openDatabase(QStringLiteral("voicemail list"));
    if (!database)
        return ExitCode::failure;
    const auto messages = Store::VoicemailStore(database).list(filter);
    if (!messages) {
        err << programName() << " voicemail list: " << messages.error() << '\n';
        return ExitCode::failure;
    }
    if (messages->isEmpty()) // on standard error: the list itself, for scripts, stays empty
        err << programName() << " voicemail list: no messages\n";
    for (const Store::Voicemail &message : *messages) {
        const QString state = message.deleted              ? QStringLiteral("deleted")
            : message.status != QLatin1String("completed") ? message.status
            : message.heard                                ? QStringLiteral("heard")
                                                           : QStringLiteral("new");
        out << message.recorded.toUTC().toString(Qt::ISODate) << "  " << message.recordingSid << "  "
            << (message.caller.isEmpty() ? QStringLiteral("-") : message.caller) << "  "
            << (message.clientName.isEmpty() ? QStringLiteral("-") : message.clientName) << "  "
            << message.duration << " s  " << state << '\n';
        if (!message.transcript.isEmpty())
            out << "    \"" << message.transcript << "\"\n";
    }
    return ExitCode::success;
}

int VoicemailCommand::findMessage(const SubcommandParser &parser, Store::Voicemail *found)
{
    QTextStream &err = m_context.err;
    const QStringList words = parser.positionalArguments();
    if (words.size() != 1)
        return parser.usageError(
            err,
            words.isEmpty() ? QStringLiteral("expected the message's RecordingSid (RE...)")
                            : QStringLiteral("expected one RecordingSid, not %1 words").arg(words.size()));
    const QString &sid = words.constFirst();
    if (const QString problem
        = Config::TwilioAccount::sidProblem(sid, QStringLiteral("RE"), QStringLiteral("RecordingSid"));
        !problem.isEmpty())
        return parser.usageError(err, problem);
    const auto database = m_context.openDatabase(QStringLiteral("voicemail"));
    if (!database)
        return ExitCode::failure;
    const auto message = Store::VoicemailStore(database).find(sid);
    if (!message || !message->has_value() || (*message)->deleted) {
        err << programName() << " voicemail: "
            << (!message ? message.error() : QStringLiteral("there is no voicemail %1").arg(sid)) << '\n';
        return ExitCode::failure;
    }
    *found = **message;
    return -1;
}

std::optional<Rest::ApiReply> VoicemailCommand::askTwilio(const QString &command, const Ask &ask)
{
    const CommandAccount loaded = CommandAccount::load(m_context.environment);
    const auto access = Rest::ApiAccess::forAccount(loaded.account, m_context.environment);
    if (!access) {
        m_context.err << programName() << ' ' << command << ": " << access.error() << '\n';
        return std::nullopt;
    }
    Rest::TwilioRestClient client(*access);
    std::optional<Rest::ApiReply> reply;
    QEventLoop loop;
    ask(client, [&reply, &loop](Rest::ApiReply answer) {
        reply = std::move(answer);
        loop.quit();
    });
    if (!reply)
        loop.exec();
    return reply;
}

int VoicemailCommand::play(const QStringList &arguments)
{
    QTextStream &out = m_context.out;
    QTextStream &err = m_context.err;
    SubcommandParser parser(QStringLiteral("voicemail play"), QStringLiteral("RE..."),
                            QStringLiteral("Saves a message's audio, fetched from Twilio with the account's "
                                           "credentials,\nand marks it heard. The file is readable by you "
                                           "alone."));
    const QCommandLineOption outputOption(QStringLiteral("output"),
                                          QStringLiteral("Where to save it; - for standard output."),
                                          QStringLiteral("FILE"));
    const QCommandLineOption formatOption(QStringLiteral("format"),
                                          QStringLiteral("wav or mp3 (default: from FILE's name, else wav)."),
                                          QStringLiteral("FORMAT"));
    parser.addOptions({ outputOption, formatOption });
    if (const int done = parser.parse(arguments, out, err); done >= 0)
        return done;
    if (!parser.isSet(outputOption) || parser.value(outputOption).isEmpty())
        return parser.usageError(err, QStringLiteral("--output FILE is required (- for standard output)"));
    const QString output = parser.value(outputOption);
    const auto format = formatOf(parser.value(formatOption), output);
    if (!format)
        return parser.usageError(err, format.error());
    Store::Voicemail message;
    if (const int done = findMessage(parser, &message); done >= 0)
        return done;

    const QString resource = QStringLiteral("Recordings/%1.%2").arg(message.recordingSid, *format);
    const auto answer = askTwilio(
        QStringLiteral("voicemail play"),
        [&](Rest::TwilioRestClient &rest, Rest::TwilioRestClient::Done done) {
            rest.fetch(resource, QStringLiteral("fetch the audio of voicemail %1").arg(message.recordingSid),
                       std::move(done));
        });
    if (!answer)
        return ExitCode::failure;
    const Rest::ApiReply &reply = *answer;
    if (!reply.isOk()) {
        err << programName() << " voicemail play: " << reply.problem << '\n';
        return ExitCode::failure;
    }
    if (output == QLatin1String("-")) {
        QFile standardOutput;
        if (!standardOutput.open(stdout, QIODevice::WriteOnly)
            || standardOutput.write(reply.body) != reply.body.size()) {
            err << programName() << " voicemail play: cannot write to standard output\n";
            return ExitCode::failure;
        }
    } else {
        // A message is personal: the file is the user's alone from its first byte, and whole or absent.
        QSaveFile file(output);
        const bool written = file.open(QIODevice::WriteOnly)
            && file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
            && file.write(reply.body) == reply.body.size() && file.commit();
        if (!written) {
            err << programName() << " voicemail play: cannot write " << output << ": " << file.errorString()
                << '\n';
            return ExitCode::failure;
        }
        err << programName() << " voicemail play: saved " << reply.body.size() << " bytes of " << *format
            << " to " << output << '\n';
    }
    const auto database = m_context.openDatabase(QStringLiteral("voicemail play"));
    if (const auto heard = database ? Store::VoicemailStore(database).setHeard(message.recordingSid, true)
                                    : Result<void>(Failure(QStringLiteral("the database cannot be opened")));
        !heard)
        err << programName() << " voicemail play: saved, but not marked heard: " << heard.error() << '\n';
    return ExitCode::success;
}

int VoicemailCommand::remove(const QStringList &arguments)
{
    QTextStream &out = m_context.out;
    QTextStream &err = m_context.err;
    SubcommandParser parser(
        QStringLiteral("voicemail delete"), QStringLiteral("RE..."),
        QStringLiteral("Deletes a message's recording at Twilio, then here. Twilio keeps "
                       "nothing of it\nafterwards; if Twilio cannot be reached, nothing is "
                       "deleted."));
    if (const int done = parser.parse(arguments, out, err); done >= 0)
        return done;
    Store::Voicemail message;
    if (const int done = findMessage(parser, &message); done >= 0)
        return done;
    const auto answer = askTwilio(
        QStringLiteral("voicemail delete"),
        [&](Rest::TwilioRestClient &rest, Rest::TwilioRestClient::Done done) {
            rest.remove(QStringLiteral("Recordings/%1.json").arg(message.recordingSid),
                        QStringLiteral("delete voicemail %1").arg(message.recordingSid), std::move(done));
        });
    if (!answer)
        return ExitCode::failure;
    const Rest::ApiReply &reply = *answer;
    // Gone at Twilio already (deleted in its console, or by another server): delete it here too.
    if (!reply.isOk() && reply.status != 404) {
        err << programName() << " voicemail delete: " << reply.problem << " Nothing was deleted.\n";
        return ExitCode::failure;
    }
    const auto database = m_context.openDatabase(QStringLiteral("voicemail delete"));
    if (!database)
        return ExitCode::failure;
    if (const auto deleted = Store::VoicemailStore(database).markDeleted(message.recordingSid); !deleted) {
        err << programName() << " voicemail delete: deleted at Twilio, but not here: " << deleted.error()
            << '\n';
        return ExitCode::failure;
    }
    err << programName() << " voicemail delete: " << message.recordingSid
        << (reply.status == 404 ? " was gone at Twilio already; deleted here\n"
                                : " deleted at Twilio and here\n");
    return ExitCode::success;
}

} // namespace App
