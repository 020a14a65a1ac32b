package jixiao.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * Dates as a target or actual value carries them (dimension {@code "date"}): the number is the date written
 * yyyymmdd (20230630), or mmdd (630) when the cell gave no year and the submission none either. Rules compare them as
 * numbers (an earlier date is a smaller number) and ask here how many days lie between two.
 */
public final class Dates {

    /** The dimension of a value that is a date. */
    public static final String DIMENSION = "date";
    /** The year taken for a date written without one, when nothing gives it: a year that is not a leap year. */
    private static final int NO_YEAR = 2001;

    private Dates() {
    }

    /** The number a date is carried as: yyyymmdd, or mmdd when the year is not known (0). */
    public static BigDecimal number(int year, int month, int day) {
        return BigDecimal.valueOf((long) year * 10000 + month * 100L + day);
    }

    /** The date a number stands for. */
    public static LocalDate of(BigDecimal number) {
        int n = number.intValueExact();
        int year = n / 10000;
        return LocalDate.of(year == 0 ? NO_YEAR : year, n / 100 % 100, n % 100);
    }

    /** Whether the number carries its year. */
    public static boolean hasYear(BigDecimal number) {
        return number.intValue() >= 10000;
    }

    /** The same date in the given year, when it was written without one. */
    public static BigDecimal inYear(BigDecimal number, int year) {
        return hasYear(number) ? number : number.add(BigDecimal.valueOf((long) year * 10000));
    }

    /** Days from {@code from} to {@code to}: positive when {@code to} is later. */
    public static long daysBetween(BigDecimal from, BigDecimal to) {
        return ChronoUnit.DAYS.between(of(from), of(to));
    }

    /** A date as a report writes it: 2023年6月30日, or 6月30日 without its year. */
    public static String text(BigDecimal number) {
        LocalDate d = of(number);
        return (hasYear(number) ? d.getYear() + "年" : "") + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
    }

    private static final java.util.regex.Pattern WRITES_DAY =
            java.util.regex.Pattern.compile(".*\\d\\s*[日号].*|.*\\d{4}\\s*[-/.]\\s*\\d{1,2}\\s*[-/.]\\s*\\d{1,2}.*");

    /**
     * Whether a date as typed names its day (2023年10月8日, 10月8号, 2023-10-08), not only its month (10月, carried
     * as the month's last day, so that how many days late it was cannot be told).
     */
    public static boolean writesDay(String text) {
        return text != null && WRITES_DAY.matcher(text).matches();
    }
}
