#include "core/store/CallJournal.h"

#include "core/store/DatabaseFiles.h"
#include "core/store/StoreLogging.h"

#include <QDataStream>
#include <QDir>
#include <QFile>
#include <QtEndian>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <limits>
#include <openssl/sha.h>
#include <optional>
#include <sys/stat.h>
#include <unistd.h>

namespace Store {
namespace {

// A record: payload length (4 bytes, little-endian), the first 8 bytes of the payload's SHA-256, payload.
constexpr qsizetype lengthBytes = 4;
constexpr qsizetype checksumBytes = 8;
constexpr qsizetype headerBytes = lengthBytes + checksumBytes;
constexpr quint32 maxPayloadBytes = 1024 * 1024; // an event is a few hundred bytes; more is damage
// 1: without the outcome (Switchboard before call outcomes were kept); still read, its outcome Unknown.
// 2: the outcome's name (CallResults::name) follows the timestamp.
constexpr quint8 payloadVersion = 2;
constexpr qint64 noTimestamp = std::numeric_limits<qint64>::min();
constexpr QLatin1StringView segmentSuffix(".events");

// OpenSSL's SHA-256 rather than QCryptographicHash's: the same bytes at a fifth of the instructions, and
// every answered webhook appends a record.
QByteArray checksumOf(const QByteArray &payload)
{
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char *>(payload.constData()), size_t(payload.size()), digest);
    return QByteArray(reinterpret_cast<const char *>(digest), checksumBytes);
}

QByteArray encode(const CallEvent &event)
{
    QByteArray payload;
    QDataStream out(&payload, QIODevice::WriteOnly);
    out.setVersion(QDataStream::Qt_6_4);
    out << payloadVersion << event.callSid << qint32(event.sequence) << event.status << event.direction
        << event.from << event.to << event.clientName << qint32(event.duration)
        << (event.timestamp.isValid() ? event.timestamp.toMSecsSinceEpoch() : noTimestamp)
        << CallResults::name(event.outcome);
    QByteArray record(lengthBytes, Qt::Uninitialized);
    qToLittleEndian(quint32(payload.size()), record.data());
    record += checksumOf(payload);
    record += payload;
    return record;
}

std::optional<CallEvent> decode(const QByteArray &payload)
{
    QDataStream in(payload);
    in.setVersion(QDataStream::Qt_6_4);
    quint8 version = 0;
    in >> version;
    if (version != 1 && version != payloadVersion)
        return std::nullopt;
    CallEvent event;
    qint32 sequence = -1;
    qint32 duration = -1;
    qint64 timestamp = noTimestamp;
    in >> event.callSid >> sequence >> event.status >> event.direction >> event.from >> event.to
        >> event.clientName >> duration >> timestamp;
    if (version >= 2) {
        QString outcome;
        in >> outcome;
        event.outcome = CallResults::fromName(outcome);
    }
    if (in.status() != QDataStream::Ok || !in.atEnd())
        return std::nullopt;
    event.sequence = sequence;
    event.duration = duration;
    if (timestamp != noTimestamp)
        event.timestamp = QDateTime::fromMSecsSinceEpoch(timestamp, Qt::UTC);
    return event;
}

QString systemError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

} // namespace

QString CallJournal::folderFor(const QString &databasePath)
{
    return databasePath + QStringLiteral(".call-journal");
}

CallJournal::CallJournal(QString folder)
    : m_folder(std::move(folder))
    , m_lock(m_folder + QStringLiteral("/lock"))
{
    // Held for the life of the process: never taken away for its age, only when its process is gone.
    m_lock.setStaleLockTime(0);
}

Result<std::unique_ptr<CallJournal>> CallJournal::open(const QString &folder)
{
    if (const auto made = DatabaseFiles::makePrivateFolder(folder); !made)
        return Failure(made.error());
    std::unique_ptr<CallJournal> journal(new CallJournal(folder));
    if (!journal->m_lock.tryLock()) {
        return Failure(
            journal->m_lock.error() == QLockFile::LockFailedError
                ? QStringLiteral("another Switchboard process writes the call journal %1").arg(folder)
                : QStringLiteral("could not lock the call journal %1").arg(folder));
    }
    journal->readLeftovers();
    return journal;
}

CallJournal::~CallJournal()
{
    const bool empty = m_descriptor >= 0 && m_segmentSize == 0;
    closeSegment();
    if (empty)
        QFile::remove(segmentPath(m_segment));
    m_lock.unlock();
    QDir().rmdir(m_folder); // only once it is empty
}

QString CallJournal::segmentPath(qint64 segment) const
{
    // Concatenated, not chained arg(): a folder named with "%2" in it would take the number.
    return m_folder + u'/' + QStringLiteral("%1").arg(segment, 8, 10, QLatin1Char('0')) + segmentSuffix;
}

QList<qint64> CallJournal::segmentsOnDisk() const
{
    QList<qint64> segments;
    const QStringList names
        = QDir(m_folder).entryList({ QLatin1Char('*') + segmentSuffix }, QDir::Files, QDir::Name);
    for (const QString &name : names) {
        bool ok = false;
        const qint64 number = name.chopped(segmentSuffix.size()).toLongLong(&ok);
        if (ok && number > 0)
            segments.append(number);
    }
    std::sort(segments.begin(), segments.end());
    return segments;
}

void CallJournal::readLeftovers()
{
    m_leftoverSegments = segmentsOnDisk();
    for (const qint64 segment : std::as_const(m_leftoverSegments)) {
        const bool last = segment == m_leftoverSegments.last();
        QFile file(segmentPath(segment));
        if (!file.open(QIODevice::ReadOnly)) {
            m_leftoverProblems.append(
                QStringLiteral("could not read %1: %2").arg(file.fileName(), file.errorString()));
            continue;
        }
        const QByteArray data = file.readAll();
        qsizetype offset = 0;
        while (offset < data.size()) {
            const qsizetype left = data.size() - offset;
            const quint32 length
                = left >= lengthBytes ? qFromLittleEndian<quint32>(data.constData() + offset) : 0;
            const bool complete
                = left >= headerBytes && length <= maxPayloadBytes && left - headerBytes >= qsizetype(length);
            const QByteArray payload = complete ? data.mid(offset + headerBytes, length) : QByteArray();
            const bool intact
                = complete && data.mid(offset + lengthBytes, checksumBytes) == checksumOf(payload);
            const std::optional<CallEvent> event = intact ? decode(payload) : std::nullopt;
            if (!event) {
                // The last record of the last segment may have been cut short by the crash: it was never
                // answered, since the answer waits for the append. Anything else is damage.
                if (!(last && !complete))
                    m_leftoverProblems.append(
                        QStringLiteral("%1: damaged record at byte %2; the %3 byte(s) after it are skipped")
                            .arg(file.fileName(), QString::number(offset), QString::number(left)));
                break;
            }
            m_leftovers.append(*event);
            offset += headerBytes + length;
        }
    }
    m_firstKept = m_leftoverSegments.isEmpty() ? 1 : m_leftoverSegments.last() + 1;
}

void CallJournal::releaseLeftovers()
{
    for (const qint64 segment : std::as_const(m_leftoverSegments))
        QFile::remove(segmentPath(segment));
    m_leftoverSegments.clear();
    m_leftovers.clear();
}

Result<void> CallJournal::startSegment(qint64 segment)
{
    closeSegment();
    const QByteArray path = QFile::encodeName(segmentPath(segment));
    // O_APPEND: every write lands at the end, after whatever an earlier failed write left.
    m_descriptor = ::open(path.constData(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, S_IRUSR | S_IWUSR);
    if (m_descriptor < 0)
        return Failure(
            QStringLiteral("could not create %1: %2").arg(segmentPath(segment), systemError(errno)));
    m_segment = segment;
    m_segmentSize = 0;
    return {};
}

void CallJournal::closeSegment()
{
    if (m_descriptor >= 0)
        ::close(m_descriptor);
    m_descriptor = -1;
}

Result<qint64> CallJournal::append(const CallEvent &event)
{
    if (m_descriptor < 0 || m_segmentSize >= segmentBytes) {
        if (const auto started = startSegment(qMax(m_segment + 1, m_firstKept)); !started)
            return Failure(started.error());
    }
    const QByteArray record = encode(event);
    qsizetype written = 0;
    while (written < record.size()) {
        const ssize_t done
            = ::write(m_descriptor, record.constData() + written, size_t(record.size() - written));
        if (done < 0 && errno == EINTR)
            continue;
        if (done <= 0) {
            const QString reason = systemError(done < 0 ? errno : ENOSPC);
            // A partial record would end the segment's reading at recovery: cut it off, or leave the
            // segment for a new one.
            if (::ftruncate(m_descriptor, m_segmentSize) != 0)
                closeSegment();
            return Failure(QStringLiteral("could not write the call journal %1: %2").arg(m_folder, reason));
        }
        written += done;
    }
    m_segmentSize += record.size();
    return m_segment;
}

void CallJournal::releaseBefore(qint64 segment)
{
    for (; m_firstKept < segment && m_firstKept < m_segment; ++m_firstKept)
        QFile::remove(segmentPath(m_firstKept));
}

void CallJournal::releaseAll()
{
    if (m_segment == 0)
        return;
    releaseBefore(m_segment);
    if (m_descriptor < 0) {
        QFile::remove(segmentPath(m_segment));
        m_firstKept = m_segment + 1;
        return;
    }
    if (m_segmentSize > 0 && ::ftruncate(m_descriptor, 0) == 0)
        m_segmentSize = 0;
}

} // namespace Store
