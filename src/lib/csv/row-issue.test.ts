import { describe, expect, it } from 'vitest';
import { errorReportCsv, extraCellIssue, inReadingOrder } from './row-issue';
import { neutraliseFormula } from './write';

describe('the error report', () => {
	it('lists line, column and message with Windows line endings, quoting cells where needed', () => {
		const report = errorReportCsv([
			{ line: 3, column: 'Email', message: 'Not a valid email address' },
			{ line: 12, column: 'Name, full', message: 'Say "hi"' }
		]);
		expect(report).toBe(
			'line,column,message\r\n3,Email,Not a valid email address\r\n12,"Name, full","Say ""hi"""'
		);
	});

	it('neutralises cells a spreadsheet would run as formulas', () => {
		const report = errorReportCsv([
			{ line: 2, column: '=SUM(A1)', message: '+1' },
			{ line: 3, column: '@x', message: '-2' }
		]);
		expect(report.split('\r\n').slice(1)).toEqual(["2,'=SUM(A1),'+1", "3,'@x,'-2"]);
	});

	it('leaves ordinary text alone', () => {
		expect(neutraliseFormula('ana@example.com')).toBe('ana@example.com');
		expect(neutraliseFormula('\t=1')).toBe("'\t=1");
	});
});

describe('rows longer than the header', () => {
	it('points at the first filled cell beyond the header', () => {
		expect(extraCellIssue(['a', 'b', '', 'c'], ['one', 'two'], 7)).toEqual({
			line: 7,
			position: 3,
			column: 'Column 4',
			message:
				'This row has 4 cells but the header has 2: put cells that contain the separator in quotes'
		});
	});

	it('accepts empty cells after the last column, as some spreadsheets write them', () => {
		expect(extraCellIssue(['a', 'b', ' ', ''], ['one', 'two'], 7)).toBeNull();
	});
});

describe('listing issues', () => {
	it('lists them by line, then left to right', () => {
		expect(
			inReadingOrder([
				{ line: 3, position: 0, column: 'email', message: 'a' },
				{ line: 2, position: 4, column: 'Row', message: 'b' },
				{ line: 2, position: 1, column: 'name', message: 'c' }
			])
		).toEqual([
			{ line: 2, column: 'name', message: 'c' },
			{ line: 2, column: 'Row', message: 'b' },
			{ line: 3, column: 'email', message: 'a' }
		]);
	});
});
