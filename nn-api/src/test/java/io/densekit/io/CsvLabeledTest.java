package io.densekit.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.densekit.tensor.DType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Csv#readLabeled}: the label column, class names, delimiters, quotes, and every error's place. */
class CsvLabeledTest {
    private static final String IRIS = """
            sepal_length,sepal_width,petal_length,species
            5.1,3.5,1.4,setosa
            6.3,3.3,6.0,virginica
            7.0,3.2,4.7,versicolor
            4.9,3.0,1.4,setosa
            """;

    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        return f;
    }

    private LabeledCsv read(String content, String label) throws IOException {
        return Csv.readLabeled(file("data.csv", content), DType.F64, CsvDelimiter.AUTO, label);
    }

    @Test
    void classNamesBecomeIndicesInSortedOrderNotInOrderOfAppearance() throws IOException {
        LabeledCsv t = read(IRIS, "species");
        assertThat(t.classes()).containsExactly("setosa", "versicolor", "virginica");
        assertThat(t.labels().toDoubleArray()).containsExactly(0, 2, 1, 0);
        assertThat(t.features().shape()).containsExactly(4, 3);
        assertThat(t.features().toDoubleArray()).containsExactly(5.1, 3.5, 1.4, 6.3, 3.3, 6.0, 7.0, 3.2, 4.7, 4.9, 3.0, 1.4);
        assertThat(t.featureNames()).containsExactly("sepal_length", "sepal_width", "petal_length");
        assertThat(t.labelName()).isEqualTo("species");
        assertThat(t.labelColumn()).isEqualTo(3);
        assertThat(t.describeLabel()).isEqualTo("column 'species'");
    }

    @Test
    void theLabelColumnMayBeAnywhereAndNumericLabelsStayNumbers() throws IOException {
        LabeledCsv t = read("y,a,b\n2.5,1,2\n-1,3,4\n", "y");
        assertThat(t.hasClassNames()).isFalse();
        assertThat(t.labels().toDoubleArray()).containsExactly(2.5, -1);
        assertThat(t.features().toDoubleArray()).containsExactly(1, 2, 3, 4);
        assertThat(t.featureNames()).containsExactly("a", "b");
    }

    @Test
    void aNumericLabelIsAnIndexWhenNoColumnHasThatName() throws IOException {
        assertThat(read("a,b,c\n1,2,3\n", "1").labels().toDoubleArray()).containsExactly(2);
        LabeledCsv noHeader = read("1,2,setosa\n3,4,virginica\n", "2");
        assertThat(noHeader.classes()).containsExactly("setosa", "virginica");
        assertThat(noHeader.featureNames()).isEmpty();
        assertThat(noHeader.describeLabel()).isEqualTo("column 2 (0-based)");
    }

    @ParameterizedTest
    @ValueSource(strings = {",", ";", "\t"})
    void detectsTheDelimiterAndGivesTheSameTableAsWithItGiven(String delimiter) throws IOException {
        String text = IRIS.replace(",", delimiter);
        Path f = file("d.csv", text);
        LabeledCsv auto = Csv.readLabeled(f, DType.F64, CsvDelimiter.AUTO, "species");
        LabeledCsv given = Csv.readLabeled(f, DType.F64, CsvDelimiter.of(delimiter.charAt(0)), "species");
        LabeledCsv comma = read(IRIS, "species");
        for (LabeledCsv t : List.of(auto, given)) {
            assertThat(t.features().toDoubleArray()).containsExactly(comma.features().toDoubleArray());
            assertThat(t.labels().toDoubleArray()).containsExactly(comma.labels().toDoubleArray());
            assertThat(t.classes()).isEqualTo(comma.classes());
        }
        Path gz = dir.resolve("d.csv.gz");
        Files.write(gz, Fixtures.gzip(text.getBytes(StandardCharsets.UTF_8)));
        assertThat(Csv.readLabeled(gz, DType.F64, CsvDelimiter.AUTO, "species").features().toDoubleArray())
                .containsExactly(comma.features().toDoubleArray());
    }

    @Test
    void theMostFrequentDelimiterOfTheFirstLineWinsOutsideQuotes() {
        assertThat(CsvDelimiter.AUTO.resolve("a;b;c,d")).isEqualTo(';');
        assertThat(CsvDelimiter.AUTO.resolve("\"a;b;c\",d")).isEqualTo(',');
        assertThat(CsvDelimiter.AUTO.resolve("a\tb;c,d")).isEqualTo(',');
        assertThat(CsvDelimiter.AUTO.resolve("single")).isEqualTo(',');
        assertThat(CsvDelimiter.of('|').resolve("a,b,c")).isEqualTo('|');
    }

    @Test
    void parsesDelimiterOptions() {
        assertThat(CsvDelimiter.parse("auto")).isEqualTo(CsvDelimiter.AUTO);
        assertThat(CsvDelimiter.parse("tab")).isEqualTo(CsvDelimiter.of('\t'));
        assertThat(CsvDelimiter.parse("\\t")).isEqualTo(CsvDelimiter.of('\t'));
        assertThat(CsvDelimiter.parse("\t")).isEqualTo(CsvDelimiter.of('\t'));
        assertThat(CsvDelimiter.parse(";")).isEqualTo(CsvDelimiter.of(';'));
        assertThatThrownBy(() -> CsvDelimiter.parse(";;")).hasMessage("delimiter ';;' is not one character;"
                + " expected auto, tab, or a single character such as , ; |");
        assertThatThrownBy(() -> CsvDelimiter.parse(".")).hasMessage("the delimiter '.' cannot separate numbers;"
                + " expected a character such as , ; | or tab");
        assertThatThrownBy(() -> CsvDelimiter.parse("e")).hasMessageContaining("cannot separate numbers");
        assertThatThrownBy(() -> CsvDelimiter.parse("\"")).hasMessageContaining("cannot separate numbers");
    }

    @Test
    void quotedCellsMayHoldTheDelimiterAndDoubledQuotes() throws IOException {
        LabeledCsv t = read("\"width, cm\",\"kind\"\n\"1.5\",\"big, \"\"red\"\"\"\n 2 , small \n", "kind");
        assertThat(t.featureNames()).containsExactly("width, cm");
        assertThat(t.classes()).containsExactly("big, \"red\"", "small");
        assertThat(t.features().toDoubleArray()).containsExactly(1.5, 2);
    }

    @Test
    void knownClassesFixTheIndicesEvenWhenTheFileLacksSome() throws IOException {
        Path f = file("valid.csv", "x,species\n1,virginica\n2,virginica\n");
        LabeledCsv t = Csv.readLabeled(f, DType.F32, CsvDelimiter.AUTO, "species",
                List.of("setosa", "versicolor", "virginica"));
        assertThat(t.labels().toDoubleArray()).containsExactly(2, 2);
        assertThat(t.classes()).containsExactly("setosa", "versicolor", "virginica");
        assertThat(Csv.readLabeled(f, DType.F32, CsvDelimiter.AUTO, "species").labels().toDoubleArray())
                .containsExactly(0, 0);
        assertThatThrownBy(() -> Csv.readLabeled(f, DType.F32, CsvDelimiter.AUTO, "species", List.of("setosa")))
                .isInstanceOf(MalformedFileException.class)
                .hasMessage("valid.csv: line 2, column 2 (species): class 'virginica' is not one of the 1 classes"
                        + " of the training labels (setosa)");
        assertThatThrownBy(() -> Csv.readLabeled(f, DType.F32, CsvDelimiter.AUTO, "species", List.of("a", "a")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("repeat a name");
    }

    @Test
    void readsNothingButTheFirstLineToCountColumns() throws IOException {
        assertThat(Csv.columns(file("a.csv", "# comment\n\na;b;c\n1;2\n"), CsvDelimiter.AUTO)).isEqualTo(3);
        assertThat(Csv.columns(file("b.csv", ""), CsvDelimiter.AUTO)).isZero();
        assertThat(Csv.columns(file("c.csv", "setosa\nvirginica\n"), CsvDelimiter.AUTO)).isEqualTo(1);
    }

    @Test
    void aOneColumnFileIsAllLabels() throws IOException {
        LabeledCsv t = read("species\nsetosa\nvirginica\n", "0");
        assertThat(t.features().shape()).containsExactly(2, 0);
        assertThat(t.labels().toDoubleArray()).containsExactly(0, 1);
    }

    // ---- errors: one line, with the file, the line and the column ----

    private MalformedFileException refused(String content, String label) throws IOException {
        Path f = file("iris.csv", content);
        try {
            Csv.readLabeled(f, DType.F64, CsvDelimiter.AUTO, label);
        } catch (MalformedFileException e) {
            assertThat(e.getMessage()).startsWith("iris.csv: ").doesNotContain("\n");
            return e;
        }
        throw new AssertionError("iris.csv was read without error");
    }

    @Test
    void aBadFeatureCellNamesLineColumnAndHeaderName() throws IOException {
        String bad = IRIS.replace("7.0,3.2,4.7", "7.0,3.2,abc");
        assertThat(refused(bad, "species"))
                .hasMessage("iris.csv: line 4, column 3 (petal_length): 'abc' is not a number");
        assertThat(refused(IRIS.replace("6.3,3.3,", "6.3,,"), "species"))
                .hasMessage("iris.csv: line 3, column 2 (sepal_width): empty value");
        assertThat(refused("1,2,setosa\n1,x,setosa\n", "2")).hasMessage("iris.csv: line 2, column 2: 'x' is not a number");
    }

    @Test
    void labelsMustAllBeNumbersOrAllNames() throws IOException {
        assertThat(refused("a,y\n1,0\n2,1\n3,two\n", "y")).hasMessage("iris.csv: line 4, column 2 (y): 'two' is not"
                + " a number, but the labels are numbers (from line 2); class names and numbers cannot mix in one"
                + " label column");
        assertThat(refused("a,y\n1,cat\n2,3\n", "y")).hasMessage("iris.csv: line 3, column 2 (y): '3' is a number,"
                + " but the labels are class names (from line 2); class names and numbers cannot mix in one label column");
        assertThat(refused("a,y\n1,cat\n2,\n", "y"))
                .hasMessage("iris.csv: line 3, column 2 (y): empty label; expected a number or a class name");
    }

    @Test
    void aMissingLabelColumnListsTheColumns() throws IOException {
        assertThat(refused(IRIS, "specie")).hasMessage("iris.csv: no column is named 'specie'; the columns are"
                + " sepal_length, sepal_width, petal_length, species (or give a 0-based index, 0 to 3)");
        assertThat(refused(IRIS, "4")).hasMessage("iris.csv: there is no column 4 (0-based); the file has 4 columns,"
                + " 0 to 3; the columns are sepal_length, sepal_width, petal_length, species");
        assertThat(refused("1,2,setosa\n", "species")).hasMessage("iris.csv: no column is named 'species': the file"
                + " has no header line, so the label column must be a 0-based index, 0 to 2");
        assertThat(refused("a,b,a\n1,2,3\n", "a")).hasMessage("iris.csv: the header names 2 columns 'a' (0-based"
                + " [0, 2]); expected column names to be unique, or give the label's index");
    }

    @Test
    void raggedRowsEmptyFilesAndBrokenQuotesAreRefused() throws IOException {
        assertThat(refused(IRIS + "5.0,3.6,setosa\n", "species"))
                .hasMessage("iris.csv: line 6 has 3 values, expected 4 (as many as the header has)");
        assertThat(refused("", "species")).hasMessageStartingWith("iris.csv: no data: the file is empty");
        assertThat(refused("a,\"b\n1,2\n", "a"))
                .hasMessage("iris.csv: line 1, column 2: the quoted value has no closing quote; expected it to end on"
                        + " its line");
        assertThat(refused("a,b\n\"1\"x,2\n", "a"))
                .hasMessage("iris.csv: line 2, column 1: text after the closing quote; expected ',' or the end of"
                        + " the line");
    }

    @Test
    void aOneColumnFileReadWithTheWrongDelimiterSaysWhichWasUsed() throws IOException {
        Path f = file("semi.csv", "a;b\n1;2\n3;4\n");
        assertThatThrownBy(() -> Csv.read(f, DType.F64, CsvDelimiter.of(',')))
                .hasMessage("semi.csv: line 2, column 1 (a;b): '1;2' is not a number; the delimiter is ','");
        Path g = file("mixed.csv", "a\n1\n3;4\n");
        assertThatThrownBy(() -> Csv.read(g, DType.F64, CsvDelimiter.of(';')))
                .hasMessage("mixed.csv: line 3 has 2 values, expected 1 (as many as the header has); the delimiter"
                        + " is ';'");
    }
}
